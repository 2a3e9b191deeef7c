"""Every rule's documented examples: the wrong one triggers the rule, the right one does not.

`referatcheck explain CODE` prints these snippets to users, so they must be true. Each is
linted as a file of its own, the way a user's file is (configuration ignored,
suppression comments applied). Rules of every installed plugin are covered, and the
example plugin's rule too; the only exceptions are listed below with their reasons.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import pytest

from conftest import EXAMPLES
from referatcheck.catalog import all_rules
from referatcheck.diagnostic import Severity
from referatcheck.engine import Linter
from referatcheck.pipeline import RunSettings, lint_file
from referatcheck.plugins import load_plugins

# Rules whose examples describe a situation rather than show minutes: no snippet of text
# can be one. Each is tested where the situation can be made.
NOT_A_DOCUMENT = {
    "RC001": "a plugin that fails to import (tests/test_plugins.py, tests/test_fault_isolation.py)",
    "RC002": "a rule that raises (tests/test_plugins.py, tests/test_fault_isolation.py)",
    "RC003": "bytes that are not text (tests/test_bad_input.py)",
    "RC004": "a file's encoding, which a text snippet does not have (tests/test_bad_input.py)",
    "RC010": "a rule or plugin that never finishes (tests/test_time_limit.py)",
    "RC011": "a PDF without text, a scan (tests/test_pdf_bad_input.py)",
    "TOC009": "the pages of a PDF, which a text snippet does not have (tests/test_pdf.py)",
}

# A wrong example shows one defect, found once, except where the rule reports one
# defect at more than one place.
FINDINGS = {"TOC004": 2}  # a swap flags both entries

# A snippet about one head field has no meeting time or place; saying so is an info of
# the same family that a right example may carry.
HEAD_SNIPPET_INFOS = {"MTG005", "MTG006"}
# A right suppression comment shown on its own suppresses nothing, which is RC006.
SIBLING_ON_RIGHT = {"RC005": {"RC006"}, "RC007": {"RC006"}}


def _example_plugin_rules() -> tuple:
    path = EXAMPLES / "plugin-nordby" / "referatcheck_nordby.py"
    spec = importlib.util.spec_from_file_location("referatcheck_nordby_example", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.referatcheck_rules())


EXAMPLE_PLUGIN_RULES = _example_plugin_rules()
RULES = (*all_rules(), *EXAMPLE_PLUGIN_RULES)


@lru_cache(maxsize=None)
def _example_plugin_linter() -> Linter:
    return Linter(rules=(*load_plugins().rules, *EXAMPLE_PLUGIN_RULES))


def findings(rule, text: str):
    if rule in EXAMPLE_PLUGIN_RULES:  # not installed here: run it beside the installed rules
        return _example_plugin_linter().lint_text(text, path="example.md").diagnostics
    return lint_file("example.md", text.encode("utf-8"), RunSettings(isolated=True)).diagnostics


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.code.startswith(rule.family) and rule.code[len(rule.family):].isdigit()
    doc = rule.doc
    assert doc.summary_da and doc.summary_en and doc.why_da and doc.why_en
    assert doc.wrong.strip() and doc.right.strip() and doc.wrong != doc.right


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NOT_A_DOCUMENT], ids=lambda r: r.code)
def test_wrong_example_triggers_the_rule_and_right_example_does_not(rule):
    wrong = [d for d in findings(rule, rule.doc.wrong) if d.code == rule.code]
    assert len(wrong) == FINDINGS.get(rule.code, 1), [d.message.en for d in wrong]
    assert {d.severity for d in wrong} == {rule.severity}
    right = findings(rule, rule.doc.right)
    assert [d.message.en for d in right if d.code == rule.code] == []
    # Nor does the right example look wrong to the rule's family.
    family = [d for d in right if d.code.startswith(rule.family) and d.code not in SIBLING_ON_RIGHT.get(rule.code, ())
              and not (d.code in HEAD_SNIPPET_INFOS and d.severity == Severity.INFO)]
    assert [(d.code, d.message.en) for d in family] == []


def test_every_installed_rule_is_covered():
    installed = {r.code for r in (*load_plugins().rules, *all_rules())}
    assert installed <= {r.code for r in RULES}
    assert set(NOT_A_DOCUMENT) <= installed  # no stale exception
    assert {"TOC003", "TOC004", "TOC005", "TOC006", "TOC007", "RC005", "NB001"} <= {
        r.code for r in RULES if r.code not in NOT_A_DOCUMENT}
