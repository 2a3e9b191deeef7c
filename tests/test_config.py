"""Configuration: discovery, selection and its precedence, options, errors, fingerprints."""

from __future__ import annotations

import pickle
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor

import attrs
import pytest
from click.testing import CliRunner
from snippets import CLEAN, NEAR_MISS_LINE, ORPHAN_LINE, TOC_DEFECTS, toc_codes, write

from referatcheck import config as config_module
from referatcheck import pipeline, plugins, selection
from referatcheck.cli import main
from referatcheck.config import ConfigError, compile_glob
from referatcheck.diagnostic import Severity
from referatcheck.pipeline import RunSettings, configuration_for, lint_file, settings_fingerprint
from referatcheck.rule import Rule, RuleDoc

BOTH = [("TOC003", NEAR_MISS_LINE), ("TOC001", ORPHAN_LINE)]


def lint_at(path, settings=RunSettings()):
    return lint_file(str(path), path.read_bytes(), settings)


# ---- discovery ----------------------------------------------------------------------


def test_without_configuration_every_rule_runs(tmp_path):
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    assert toc_codes(lint_at(minutes)) == BOTH


def test_pyproject_found_walking_up_from_the_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.referatcheck]\nignore = ["TOC003"]\n')
    minutes = write(tmp_path / "udvalg" / "2024" / "referat.md", TOC_DEFECTS)
    assert configuration_for(str(minutes)).path == str(tmp_path / "pyproject.toml")
    assert toc_codes(lint_at(minutes)) == [("TOC001", ORPHAN_LINE)]


def test_pyproject_without_our_table_is_passed_over(tmp_path):
    write(tmp_path / "referatcheck.toml", 'ignore = ["TOC001"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    minutes = write(tmp_path / "sub" / "referat.md", TOC_DEFECTS)
    assert configuration_for(str(minutes)).path == str(tmp_path / "referatcheck.toml")
    assert toc_codes(lint_at(minutes)) == [("TOC003", NEAR_MISS_LINE)]


def test_nearest_file_wins_whole_and_dotfile_first_in_a_folder(tmp_path):
    write(tmp_path / "referatcheck.toml", 'ignore = ["TOC001"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.referatcheck]\nignore = ["TOC003"]\n')
    minutes = write(tmp_path / "sub" / "referat.md", TOC_DEFECTS)
    # Not merged with the file further up: only TOC003 is ignored.
    assert toc_codes(lint_at(minutes)) == [("TOC001", ORPHAN_LINE)]
    write(tmp_path / "sub" / ".referatcheck.toml", 'ignore = ["TOC"]\n')
    assert configuration_for(str(minutes)).path == str(tmp_path / "sub" / ".referatcheck.toml")
    assert toc_codes(lint_at(minutes)) == []


def test_explicit_config_and_isolated(tmp_path):
    write(tmp_path / "referatcheck.toml", 'ignore = ["TOC"]\n')
    other = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["TOC001"]\n')
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    assert toc_codes(lint_at(minutes)) == []
    assert toc_codes(lint_at(minutes, RunSettings(config_file=str(other)))) == [("TOC001", ORPHAN_LINE)]
    assert toc_codes(lint_at(minutes, RunSettings(isolated=True))) == BOTH


def test_an_edited_configuration_is_read_again(tmp_path):
    conf = write(tmp_path / "referatcheck.toml", 'ignore = ["TOC001"]\n')
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    assert toc_codes(lint_at(minutes)) == [("TOC003", NEAR_MISS_LINE)]
    conf.write_text('ignore = ["TOC003", "TOC005"]\n', encoding="utf-8")
    assert toc_codes(lint_at(minutes)) == [("TOC001", ORPHAN_LINE)]


# ---- selection and precedence ---------------------------------------------------------------


@pytest.mark.parametrize(
    "toml, expected",
    [
        ('select = ["TOC001"]', [("TOC001", ORPHAN_LINE)]),
        ('select = ["TOC"]\nignore = ["TOC001"]', [("TOC003", NEAR_MISS_LINE)]),
        # The more specific selector wins over the family ...
        ('ignore = ["TOC"]\nextend-select = ["TOC003"]', [("TOC003", NEAR_MISS_LINE)]),
        ('select = ["TOC003"]\nignore = ["TOC"]', [("TOC003", NEAR_MISS_LINE)]),
        # ... and on a tie ignore wins.
        ('select = ["TOC"]\nignore = ["TOC"]', []),
        # Families, code prefixes and rule names are all selectors.
        ('select = ["toc-title-near-miss"]', [("TOC003", NEAR_MISS_LINE)]),
        ('select = ["TOC00"]\nignore = ["toc-entry-without-item"]', [("TOC003", NEAR_MISS_LINE)]),
        ('select = ["ALL"]\nignore = ["TOC003"]', [("TOC001", ORPHAN_LINE)]),
        ('select = []', []),
        ('extend_select = ["TOC"]', BOTH),  # underscores are accepted for hyphens
    ],
)
def test_select_ignore_extend_select(tmp_path, toml, expected):
    write(tmp_path / "referatcheck.toml", toml + "\n")
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    assert toc_codes(lint_at(minutes)) == expected


def test_command_line_overrides_the_configuration(tmp_path):
    write(tmp_path / "referatcheck.toml", 'ignore = ["TOC003"]\n')
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    assert toc_codes(lint_at(minutes)) == [("TOC001", ORPHAN_LINE)]
    assert toc_codes(lint_at(minutes, RunSettings(extend_select=("TOC003",)))) == BOTH
    assert toc_codes(lint_at(minutes, RunSettings(select=("TOC",)))) == BOTH
    assert toc_codes(lint_at(minutes, RunSettings(ignore=("TOC001",)))) == []


def test_per_file_ignores_with_globs(tmp_path):
    write(tmp_path / "pyproject.toml", """
[tool.referatcheck.per-file-ignores]
"arkiv/**" = ["TOC"]
"udkast-*.md" = ["TOC001"]
"2024/[!a]*.md" = ["TOC003"]
""")
    old = write(tmp_path / "arkiv" / "2019" / "maj" / "referat.md", TOC_DEFECTS)
    draft = write(tmp_path / "udvalg" / "udkast-1.md", TOC_DEFECTS)
    year = write(tmp_path / "2024" / "referat.md", TOC_DEFECTS)
    year_a = write(tmp_path / "2024" / "arbejdsmarked.md", TOC_DEFECTS)
    other = write(tmp_path / "udvalg" / "referat.md", TOC_DEFECTS)
    assert toc_codes(lint_at(old)) == []
    assert toc_codes(lint_at(draft)) == [("TOC003", NEAR_MISS_LINE)]
    assert toc_codes(lint_at(year)) == [("TOC001", ORPHAN_LINE)]
    assert toc_codes(lint_at(year_a)) == BOTH
    assert toc_codes(lint_at(other)) == BOTH


@pytest.mark.parametrize(
    "pattern, path, matches",
    [
        ("*.md", "a/b/referat.md", True),
        ("*.md", "referat.txt", False),
        ("arkiv/*.md", "arkiv/a.md", True),
        ("arkiv/*.md", "arkiv/2019/a.md", False),
        ("arkiv/**/*.md", "arkiv/a.md", True),
        ("arkiv/**/*.md", "arkiv/2019/maj/a.md", True),
        ("arkiv/**", "arkiv/2019/a.txt", True),
        ("./arkiv/?.md", "arkiv/a.md", True),
        ("[ab]*.md", "c/b.md", True),
        ("[!ab]*.md", "b.md", False),
        ("referat (1).md", "referat (1).md", True),
    ],
)
def test_globs(pattern, path, matches):
    assert bool(compile_glob(pattern).match(path)) is matches


def test_severity_overrides_most_specific_wins(tmp_path):
    write(tmp_path / "referatcheck.toml", '[severity]\nTOC = "info"\nTOC003 = "error"\n')
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    found = {d.code: d.severity for d in lint_at(minutes).diagnostics if d.code.startswith("TOC")}
    assert found == {"TOC003": Severity.ERROR, "TOC001": Severity.INFO}


ROUNDING_TABLE = """# REFERAT Udvalget d. 01-02-2024

# Punkt 1: Budget

24/01234

## Sagsfremstilling

1.000 kr.\tBudget\tRegnskab
Drift\t100\t200
Anlæg\t300\t400
I alt\t401\t650

## Beslutning

Godkendt.
"""


def _tab001(tmp_path, severity_table: str):
    write(tmp_path / "referatcheck.toml", severity_table)
    minutes = write(tmp_path / "referat.md", ROUNDING_TABLE)
    return sorted(d.severity.value for d in lint_at(minutes).diagnostics if d.code == "TAB001")


def test_a_severity_override_leaves_rounding_infos_alone(tmp_path):
    # I alt 401 against 400 is a rounding difference (info); 650 against 600 is an error.
    assert _tab001(tmp_path, "") == ["error", "info"]
    assert _tab001(tmp_path, '[severity]\nTAB001 = "warning"\n') == ["info", "warning"]
    assert _tab001(tmp_path, '[severity]\nTAB = "info"\n') == ["info", "info"]


def test_infos_change_only_when_the_configuration_says_so(tmp_path):
    assert _tab001(tmp_path, '[severity]\nTAB001 = { info = "warning" }\n') == ["error", "warning"]
    assert _tab001(tmp_path, '[severity]\nTAB001 = { error = "warning", info = "warning" }\n') == ["warning", "warning"]


def test_an_info_rule_overridden_changes_its_infos(tmp_path):
    write(tmp_path / "referatcheck.toml", '[severity]\nATT007 = "warning"\n')
    minutes = write(tmp_path / "referat.md", ROUNDING_TABLE.replace("Godkendt.", "Godkendt.\n\nIkke tilstede: Lars Holm (C)"))
    assert [d.severity.value for d in lint_at(minutes).diagnostics if d.code == "ATT007"] == ["warning"]


@pytest.mark.parametrize("table, fragment", [
    ('[severity]\nTAB001 = { fatal = "warning" }\n', "severity.TAB001.fatal"),
    ('[severity]\nTAB001 = { info = "loud" }\n', "severity.TAB001.info"),
])
def test_bad_severity_pairs(tmp_path, table, fragment):
    write(tmp_path / "referatcheck.toml", table)
    with pytest.raises(ConfigError, match=fragment.replace(".", r"\.")):
        configuration_for(str(tmp_path / "referat.md"))


# ---- rule options and section names (with a rule made for the test) ---------------------------------


class OptionProbe(Rule):
    """Reports its options and the section kinds it sees, so a test can read them."""

    code, name, family, severity = "XTS001", "option-probe", "XTS", Severity.INFO
    options = {"tolerance": "interval", "limit": 3, "share": 0.5, "names": ("A",), "strict": False,
               "case_number_pattern": None}
    doc = RuleDoc("", "", "", "", "", "")

    def check(self, document, options):
        kinds = ",".join(s.kind.value for s in document.items[0].sections)
        shown = ";".join(f"{k}={options[k]!r}" for k in sorted(options))
        yield self.diagnostic(document, document.items[0].heading_span, shown, kinds)


class OtherProbe(OptionProbe):
    code, name = "XTS002", "other-probe"
    options = {"tolerance": "interval"}


@pytest.fixture
def probe_rules(monkeypatch):
    """Install the probe rules as if a plugin had registered them."""
    real = plugins.load_plugins()
    fake = attrs.evolve(real, rules=(*real.rules, OptionProbe, OtherProbe))
    monkeypatch.setattr(plugins, "load_plugins", lambda: fake)
    _clear_caches()
    yield
    monkeypatch.undo()
    _clear_caches()


def _clear_caches():
    selection.known_rules.cache_clear()
    config_module._load.cache_clear()
    pipeline._profile.cache_clear()
    pipeline._linter.cache_clear()


def _probe(path, settings=RunSettings()):
    return {d.code: d.message for d in lint_at(path, settings).diagnostics if d.code.startswith("XTS")}


def test_rule_options_per_family_and_code(tmp_path, probe_rules):
    write(tmp_path / "referatcheck.toml", """
[options.XTS]
tolerance = "strict"
limit = 5
[options.XTS001]
limit = 7
share = 1
names = ["A", "NB"]
case-number-pattern = '^\\d{2}/\\d{5}$'
""")
    minutes = write(tmp_path / "referat.md", TOC_DEFECTS)
    found = _probe(minutes)
    assert found["XTS001"].da == (
        "case_number_pattern='^\\\\d{2}/\\\\d{5}$';limit=7;names=('A', 'NB');share=1.0;strict=False;tolerance='strict'"
    )
    # The family option reaches every rule that declares it, and only those options.
    assert found["XTS002"].da == "tolerance='strict'"


def test_section_names_extend_the_vocabulary(tmp_path, probe_rules):
    text = TOC_DEFECTS.replace("## Beslutning\n\nGodkendt.\n\n# Punkt 2", "## Udvalgets afgørelse\n\nGodkendt.\n\n# Punkt 2")
    minutes = write(tmp_path / "referat.md", text)
    assert _probe(minutes)["XTS001"].en == ""  # an unknown heading opens no section
    write(tmp_path / "referatcheck.toml", '[section-names]\n"Udvalgets afgørelse" = "decision"\n')
    assert _probe(minutes)["XTS001"].en == "decision"


@pytest.mark.parametrize(
    "toml, key, fragment",
    [
        ('[options.XTS001]\nlimit = "many"\n', "options.XTS001.limit", "must be a number"),
        ('[options.XTS001]\nstrict = 1\n', "options.XTS001.strict", "true/false"),
        ('[options.XTS001]\nnames = ["A", 2]\n', "options.XTS001.names", "must be a list"),
        ('[options.XTS002]\nlimit = 3\n', "options.XTS002.limit", "unknown rule option"),
        ('[options.XTS]\ncase_number_pattern = "(unclosed"\n', "options.XTS.case_number_pattern",
         "bad regular expression"),
    ],
)
def test_bad_rule_options(tmp_path, probe_rules, toml, key, fragment):
    conf = write(tmp_path / "referatcheck.toml", toml)
    with pytest.raises(ConfigError) as error:
        configuration_for(str(tmp_path / "referat.md"))
    message = str(error.value)
    assert str(conf) in message and key in message and fragment in message and "\n" not in message


# ---- errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, toml, key, fragment",
    [
        ("pyproject.toml", '[tool.referatcheck]\nselct = ["TOC"]\n', "tool.referatcheck.selct", "'select'"),
        ("referatcheck.toml", 'select = ["TOX"]\n', "select", "unknown code or prefix 'TOX'"),
        ("referatcheck.toml", 'ignore = "TOC003"\n', "ignore", "must be a list"),
        ("referatcheck.toml", 'extend-select = [3]\n', "extend-select", "must be a list"),
        ("referatcheck.toml", '[per-file-ignores]\n"arkiv/[2019" = ["TOC"]\n', 'per-file-ignores."arkiv/[2019"',
         "bad glob"),
        ("referatcheck.toml", '[per-file-ignores]\n"*.md" = ["NOPE1"]\n', 'per-file-ignores."*.md"', "'NOPE1'"),
        ("referatcheck.toml", '[severity]\nTOC003 = "fatal"\n', "severity.TOC003", "must be \"error\""),
        ("referatcheck.toml", '[severity]\nXYZ = "info"\n', "severity.XYZ", "unknown code"),
        ("referatcheck.toml", '[options.TOC001]\nfoo = 1\n', "options.TOC001.foo", "unknown rule option"),
        ("referatcheck.toml", '[section-names]\n"Afgørelse" = "verdict"\n', 'section-names."Afgørelse"',
         "must be one of"),
        ("referatcheck.toml", 'select = ["TOC"\n', "", "invalid TOML"),
        (".referatcheck.toml", 'severity = "error"\n', "severity", "must be a table"),
    ],
)
def test_invalid_configuration_is_one_clear_line(tmp_path, monkeypatch, name, toml, key, fragment):
    conf = write(tmp_path / name, toml)
    minutes = write(tmp_path / "referat.md", CLEAN)
    with pytest.raises(ConfigError) as error:
        configuration_for(str(minutes))
    message = str(error.value)
    assert message.startswith(str(conf)) and key in message and fragment in message
    assert "\n" not in message

    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["check", "referat.md"])
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1 and str(conf) in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_unknown_code_on_the_command_line(tmp_path, monkeypatch):
    write(tmp_path / "referat.md", CLEAN)
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["check", "--select", "TOC,TOX9", "referat.md"])
    assert run.exit_code == 2 and "--select" in run.stderr and "TOX9" in run.stderr


def test_missing_explicit_config(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        configuration_for(str(tmp_path / "a.md"), RunSettings(config_file=str(tmp_path / "none.toml")))
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    with pytest.raises(ConfigError, match="no \\[tool.referatcheck\\] table"):
        configuration_for(str(tmp_path / "a.md"), RunSettings(config_file=str(tmp_path / "pyproject.toml")))


# ---- cache keys and worker processes ----------------------------------------------------------------


def test_settings_fingerprint_follows_the_configuration(tmp_path):
    minutes = str(write(tmp_path / "sub" / "referat.md", CLEAN))
    none = settings_fingerprint(minutes, RunSettings())
    conf = write(tmp_path / "referatcheck.toml", 'ignore = ["TOC001"]\n')
    first = settings_fingerprint(minutes, RunSettings())
    assert first != none
    conf.write_text('ignore = ["TOC003"]\n', encoding="utf-8")
    second = settings_fingerprint(minutes, RunSettings())
    assert second != first
    write(tmp_path / "sub" / "pyproject.toml", '[tool.referatcheck]\n')
    assert settings_fingerprint(minutes, RunSettings()) not in (first, second)
    assert settings_fingerprint(minutes, RunSettings(ignore=("TOC",))) != settings_fingerprint(minutes, RunSettings())
    assert settings_fingerprint(minutes, RunSettings()) == settings_fingerprint(minutes, RunSettings())


def _lint_in_worker(path: str, settings: RunSettings):
    with open(path, "rb") as handle:
        return lint_file(path, handle.read(), settings)


def test_lint_file_in_worker_processes_matches_a_serial_run(tmp_path):
    write(tmp_path / "referatcheck.toml", '[severity]\nTOC001 = "warning"\n[per-file-ignores]\n"b.md" = ["TOC003"]\n')
    paths = [str(write(tmp_path / name, TOC_DEFECTS)) for name in ("a.md", "b.md")]
    settings = RunSettings(ignore=("TOC005",))
    pickle.loads(pickle.dumps(settings))
    serial = [_lint_in_worker(p, settings) for p in paths]
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = list(pool.map(_lint_in_worker, paths, [settings] * len(paths)))
    assert [r.diagnostics for r in parallel] == [r.diagnostics for r in serial]
    assert [d.code for d in serial[1].diagnostics if d.code.startswith("TOC")] == ["TOC001"]
    assert {d.code: d.severity for d in serial[0].diagnostics}["TOC001"] is Severity.WARNING


def test_the_readme_example_is_a_valid_configuration(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):]
    example = section[section.index("```toml") + len("```toml\n"):]
    example = example[: example.index("```")]
    conf = write(tmp_path / "udvalg" / "pyproject.toml", example)
    write(tmp_path / "fælles" / "referatcheck.toml", 'ignore = ["TOC004"]\n')  # the file it extends
    config = configuration_for(str(tmp_path / "udvalg" / "referat.md"))
    assert config.path == str(conf) and config.select == ("TOC", "TAB", "ITM")
    assert config.extend == str(tmp_path / "fælles" / "referatcheck.toml") and config.lang == "da"
    assert config.layers[0] == (None, (), ("TOC004",))  # the base's selection first
    assert dict(config.options)["TAB"] == {"tolerance": "exact"}
