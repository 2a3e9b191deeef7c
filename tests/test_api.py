"""The public plugin API (`referatcheck.api`) and the example plugin that uses only it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import referatcheck.api as api
from conftest import EXAMPLES, ROOT

PLUGIN_DIR = EXAMPLES / "plugin-nordby"


def test_every_public_name_exists_once():
    assert len(api.__all__) == len(set(api.__all__))
    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert missing == []


def test_every_public_name_is_on_the_plugin_authors_map():
    """The module docstring is the plugin author's map: it names every public name."""
    unmapped = [name for name in api.__all__ if not re.search(rf"\b{re.escape(name)}\b", api.__doc__)]
    assert unmapped == []


def test_the_api_carries_what_a_rule_and_a_hook_need():
    from referatcheck import hookspecs
    from referatcheck.rule import Rule

    assert api.Rule is Rule and api.hookimpl is hookspecs.hookimpl
    assert {"Document", "Item", "Section", "SectionKind", "Span", "RuleDoc", "Severity", "Amount", "find_dates",
            "SectionVocabulary", "parse_text"} <= set(api.__all__)


def _referatcheck_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of referatcheck or one of its modules in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "referatcheck":  # `from referatcheck import api` is `referatcheck.api`
                modules = [f"referatcheck.{alias.name}" for alias in node.names]
        else:
            continue
        found.extend((node.lineno, m) for m in modules if m == "referatcheck" or m.startswith("referatcheck."))
    return found


def test_example_plugin_imports_only_the_public_api():
    # The package as written, not what a build left beside it (build/, *.egg-info).
    sources = sorted(p for p in PLUGIN_DIR.rglob("*.py") if "build" not in p.relative_to(PLUGIN_DIR).parts)
    assert sources
    for path in sources:
        imports = _referatcheck_imports(path)
        assert imports, f"{path.name} does not use referatcheck.api"
        assert [(line, m) for line, m in imports if m != "referatcheck.api"] == [], path.relative_to(ROOT)


def test_the_import_check_sees_internal_imports(tmp_path):
    plugin = tmp_path / "plugin.py"
    plugin.write_text("import referatcheck.model\nfrom referatcheck import hookimpl\nfrom referatcheck.api import Rule\n"
                      "from referatcheck import api\nimport referatcheck_nordby\n", encoding="utf-8")
    assert _referatcheck_imports(plugin) == [(1, "referatcheck.model"), (2, "referatcheck.hookimpl"),
                                             (3, "referatcheck.api"), (4, "referatcheck.api")]
