"""Plugin discovery through the entry-point group, and fault isolation of plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from referatcheck.plugins import load_plugins

MINUTES = textwrap.dedent("""\
    # REFERAT Kulturudvalget d. 12-03-2024

    # Punkt 1: Underskriftsside

    24/1001

    # Punkt 2: Eventuelt

    24/1002

    ## Udvalgets afgørelse

    Intet.
    """)


def _run(args, env_path: Path | None = None, cwd: Path | None = None):
    env = dict(os.environ)
    if env_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(env_path), env.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "referatcheck.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def test_builtin_families_register_through_the_entry_point_group():
    plugins = load_plugins()
    assert plugins.manager.has_plugin("toc")
    assert {r.code for r in plugins.rules} >= {"TOC001", "TOC002", "TOC003", "TOC004", "TOC005"}
    plugins.manager.check_pending()  # no hook implementation without a spec
    assert plugins.failures == ()


@pytest.fixture(scope="module")
def installed_example_plugin(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(EXAMPLES / "plugin-nordby")],
        check=True, timeout=300,
    )
    return target


def test_example_plugin_is_discovered_and_runs(installed_example_plugin, tmp_path):
    minutes = tmp_path / "referat.md"
    minutes.write_text(MINUTES, encoding="utf-8")
    rules = _run(["rules"], installed_example_plugin)
    assert "NB001" in rules.stdout, rules.stderr
    result = _run(["check", "--format", "json", str(minutes)], installed_example_plugin)
    report = json.loads(result.stdout)
    nb = [d for d in report["diagnostics"] if d["code"] == "NB001"]
    assert [(d["line"], d["severity"]) for d in nb] == [(3, "warning")]
    assert result.returncode == 1
    # The plugin's extra section name makes `Udvalgets afgørelse` a decision section.
    assert "Udvalgets afgørelse" not in result.stdout
    without = _run(["check", "--format", "json", str(minutes)])
    assert not [d for d in json.loads(without.stdout)["diagnostics"] if d["code"] == "NB001"]


def _fake_plugin(root: Path, name: str, module_source: str) -> Path:
    """A minimal installed distribution whose entry point is ``name``."""
    (root / f"{name}.py").write_text(module_source, encoding="utf-8")
    dist = root / f"{name}-0.0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[referatcheck]\n{name} = {name}\n", encoding="utf-8")
    return root


def test_plugin_that_fails_to_import_is_an_rc_error_and_others_run(tmp_path):
    (tmp_path / "site").mkdir()
    site = _fake_plugin(tmp_path / "site", "brokenplugin", "raise ImportError('missing dependency xyz')\n")
    minutes = tmp_path / "referat.md"
    minutes.write_text((ROOT.parent / "shared" / "corpus" / "holstebro-arbejdsmarkedsudvalget-2022-11-28.md")
                       .read_text(encoding="utf-8").replace("Jobcamp 2022.....", "Jobcamp 2023....."), encoding="utf-8")
    result = _run(["check", "--format", "json", str(minutes)], site)
    report = json.loads(result.stdout)
    codes = [d["code"] for d in report["diagnostics"]]
    assert "RC001" in codes and "TOC003" in codes
    rc = next(d for d in report["diagnostics"] if d["code"] == "RC001")
    assert "brokenplugin" in rc["message"] and "missing dependency xyz" in rc["message"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_rule_that_raises_is_an_rc_error_and_others_run(tmp_path):
    source = textwrap.dedent('''\
        from referatcheck import hookimpl
        from referatcheck.diagnostic import Severity
        from referatcheck.rule import Rule, RuleDoc

        class Boom(Rule):
            code, name, family, severity = "ZZ001", "boom", "ZZ", Severity.ERROR
            doc = RuleDoc("a", "a", "b", "b", "c", "d")
            def check(self, document, options):
                raise ValueError("kaboom")
                yield

        @hookimpl
        def referatcheck_rules():
            return [Boom]
        ''')
    (tmp_path / "site").mkdir()
    site = _fake_plugin(tmp_path / "site", "boomplugin", source)
    minutes = tmp_path / "referat.md"
    minutes.write_text(MINUTES, encoding="utf-8")
    result = _run(["check", "--format", "json", str(minutes)], site)
    report = json.loads(result.stdout)
    rc = [d for d in report["diagnostics"] if d["code"] == "RC002"]
    assert len(rc) == 1 and "ZZ001" in rc[0]["message"] and "kaboom" in rc[0]["message"]
    assert result.returncode == 2
