"""`extend` and `lang` in configuration files, and the JSON schema of the configuration.

The schema is tested against every TOML example of the README (read out of the README
here, so an example that drifts from the schema fails), against referatcheck's own reader
(what one rejects the other rejects), and against the keys, roles, section kinds and rule
options the code knows.
"""

from __future__ import annotations

import json
import re
import tomllib
from importlib.resources import files

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT
from snippets import TOC_DEFECTS, write

from referatcheck.cli import main
from referatcheck.config import KEYS, ConfigError, load_config
from referatcheck.model import SectionKind
from referatcheck.pipeline import RunSettings, lint_file
from referatcheck.selection import known_rules
from referatcheck.vocabulary import ROLES

SCHEMA = json.loads(files("referatcheck").joinpath("referatcheck.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def _readme_toml() -> list[str]:
    """The README's configuration examples: every TOML block but a package's pyproject.toml
    (a plugin's `[project…]`, another tool's `[tool.…]`)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```toml\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    return [b for b in blocks if "project" not in (doc := tomllib.loads(b))
            and ("tool" not in doc or "referatcheck" in doc["tool"])]


def _table(block: str) -> dict:
    document = tomllib.loads(block)
    return document["tool"]["referatcheck"] if "tool" in document else document


# ---- the schema -------------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_readme_has_configuration_examples_and_each_one_fits_the_schema():
    blocks = _readme_toml()
    assert len(blocks) >= 4
    tables = [_table(block) for block in blocks]
    assert {"extend", "lang", "select", "per-file-ignores", "vocabulary"} <= {key for t in tables for key in t}
    for block, table in zip(blocks, tables):
        errors = [e.message for e in VALIDATOR.iter_errors(table)]
        assert not errors, f"{errors} in README example:\n{block}"


def test_each_readme_example_is_also_accepted_by_referatcheck(tmp_path):
    for k, block in enumerate(_readme_toml()):
        table = {key: value for key, value in _table(block).items() if key != "extend"}  # its target is not here
        path = tmp_path / f"{k}" / "referatcheck.toml"
        path.parent.mkdir()
        path.write_text(_as_toml(table), encoding="utf-8")
        load_config(str(path), required=True)


def _as_toml(table: dict, prefix: str = "") -> str:
    """A small TOML writer for the examples (strings, lists of strings, nested tables)."""
    scalars, tables = [], []
    for key, value in table.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, dict):
            tables.append((f"{prefix}.{name}" if prefix else name, value))
        else:
            scalars.append(f"{name} = {json.dumps(value, ensure_ascii=False)}")
    out = "\n".join(scalars) + "\n"
    for name, value in tables:
        out += f"[{name}]\n" + _as_toml(value, name)
    return out


@pytest.mark.parametrize("table", [
    {"selekt": ["TOC"]},
    {"select": "TOC"},
    {"severity": {"TOC003": "fatal"}},
    {"lang": "de"},
    {"extend": 3},
    {"section-names": {"Udvalgets afgørelse": "verdict"}},
    {"vocabulary": {"head-labels": {"Sted/lokale": "location"}}},
    {"options": {"TAB": {"tolerance": 1}}},
])
def test_what_the_schema_rejects_referatcheck_rejects(tmp_path, table):
    assert list(VALIDATOR.iter_errors(table)), table
    path = tmp_path / "referatcheck.toml"
    path.write_text(_as_toml(table) if not isinstance(table.get("select"), str) else 'select = "TOC"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(str(path), required=True)


def test_the_schema_knows_what_the_code_knows():
    names = {key for key in SCHEMA["properties"] if "_" not in key}
    assert names == set(KEYS)
    definitions = SCHEMA["definitions"]
    assert set(definitions["head-role"]["enum"]) == set(ROLES)
    assert definitions["section-kind"]["enum"] == [kind.value for kind in SectionKind]
    documented = set(definitions["rule-options"]["properties"])
    declared = {name for rule in known_rules().rules.values() for name in rule.options
                if rule.__module__.startswith("referatcheck")}
    assert declared <= documented and all(name.replace("_", "-") in documented for name in declared)


def test_the_schema_command_prints_the_schema():
    run = CliRunner().invoke(main, ["schema"])
    assert run.exit_code == 0 and json.loads(run.stdout) == SCHEMA


# ---- extend -------------------------------------------------------------------------------------


def _codes(path, settings=RunSettings()) -> list[str]:
    return [d.code for d in lint_file(str(path), TOC_DEFECTS.encode(), settings).diagnostics if d.code.startswith("TOC")]


def test_extend_layers_the_selection_and_merges_tables(tmp_path):
    write(tmp_path / "fælles.toml", 'ignore = ["TOC001"]\n[severity]\nTOC003 = "error"\nTOC = "info"\n'
                                    '[per-file-ignores]\n"arkiv/**" = ["TOC003"]\n')
    write(tmp_path / "udvalg" / "referatcheck.toml", 'extend = "../fælles.toml"\n[severity]\nTOC003 = "info"\n')
    result = lint_file(str(tmp_path / "udvalg" / "a.md"), TOC_DEFECTS.encode())
    found = {d.code: d.severity.value for d in result.diagnostics if d.code.startswith("TOC")}
    assert found == {"TOC003": "info"}  # TOC001 ignored by the base; this file's severity wins
    # The base's per-file-ignores stay relative to the base's own folder.
    assert _codes(tmp_path / "arkiv" / "2020" / "a.md") == ["TOC003", "TOC001"]  # no configuration there
    write(tmp_path / "arkiv" / "referatcheck.toml", 'extend = "../fælles.toml"\n')
    assert _codes(tmp_path / "arkiv" / "2020" / "a.md") == []
    # A select in the extending file starts afresh: the base's ignore no longer applies.
    write(tmp_path / "ny" / "referatcheck.toml", 'extend = "../fælles.toml"\nselect = ["TOC"]\n')
    assert _codes(tmp_path / "ny" / "a.md") == ["TOC003", "TOC001"]


def test_extend_chains_reads_edits_of_the_base_and_refuses_loops(tmp_path):
    write(tmp_path / "a.toml", 'ignore = ["TOC003"]\n')
    write(tmp_path / "b.toml", 'extend = "a.toml"\n')
    write(tmp_path / "c" / "pyproject.toml", '[tool.referatcheck]\nextend = "../b.toml"\n')
    assert _codes(tmp_path / "c" / "x.md") == ["TOC001"]
    write(tmp_path / "a.toml", 'ignore = ["TOC001", "TOC003"]\n')  # the base edited: read again
    assert _codes(tmp_path / "c" / "x.md") == []
    write(tmp_path / "a.toml", 'extend = "c/pyproject.toml"\n')
    with pytest.raises(ConfigError, match=r"a.toml: extend: .*loop: .*pyproject.toml → .*b.toml → .*a.toml"):
        load_config(str(tmp_path / "c" / "pyproject.toml"))
    write(tmp_path / "a.toml", 'extend = "mangler.toml"\n')
    with pytest.raises(ConfigError, match=r"a.toml: extend: .*mangler.toml: kan ikke læses"):
        load_config(str(tmp_path / "a.toml"))


def test_extend_from_the_command_line_fails_with_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "referatcheck.toml", 'extend = "findes-ikke.toml"\n')
    write(tmp_path / "a.md", TOC_DEFECTS)
    run = CliRunner().invoke(main, ["check", "--no-cache", "a.md"])
    assert run.exit_code == 2 and len(run.stderr.splitlines()) == 1 and "extend" in run.stderr


# ---- lang -----------------------------------------------------------------------------------------


def test_lang_from_the_configuration_of_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "referatcheck.toml", 'lang = "en"\n')
    write(tmp_path / "a.md", TOC_DEFECTS)
    english = CliRunner().invoke(main, ["check", "--no-cache", "a.md"])
    assert "The table of contents lists" in english.stdout and "1 file checked" in english.stdout
    danish = CliRunner().invoke(main, ["check", "--no-cache", "--lang", "da", "a.md"])
    assert "Indholdsfortegnelsen har" in danish.stdout  # the command line chooses first
    isolated = CliRunner().invoke(main, ["check", "--no-cache", "--isolated", "a.md"])
    assert "Indholdsfortegnelsen har" in isolated.stdout
