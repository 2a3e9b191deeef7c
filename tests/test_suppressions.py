"""Suppression comments: scope of each directive, and RC005–RC007 about the comments."""

from __future__ import annotations

import pytest
from snippets import TOC_DEFECTS, toc_codes, write

from referatcheck.pipeline import RunSettings, lint_file
from referatcheck.selection import known_rules
from referatcheck.source import SourceText
from referatcheck.suppressions import read_suppressions

LINES = TOC_DEFECTS.splitlines()
NEAR = LINES.index("Godkendelse af takster for 2025.....\t5")  # 0-based index of the TOC003 line
ORPHAN = LINES.index("Orientering om ingenting.....\t6")


def with_lines(inserts: dict[int, str]) -> str:
    """TOC_DEFECTS with comment lines inserted before the given 0-based line indexes."""
    out = []
    for index, line in enumerate(LINES):
        if index in inserts:
            out.extend(inserts[index].split("\n"))
        out.append(line)
    if len(LINES) in inserts:
        out.append(inserts[len(LINES)])
    return "\n".join(out) + "\n"


def lint(text: str, tmp_path, settings=RunSettings(), name="referat.md"):
    path = write(tmp_path / name, text)
    return toc_codes(lint_file(str(path), path.read_bytes(), settings))


def test_without_comments_both_findings(tmp_path):
    assert lint(TOC_DEFECTS, tmp_path) == [("TOC003", NEAR + 1), ("TOC001", ORPHAN + 1)]


def test_disable_next_line_hides_only_the_next_line(tmp_path):
    text = with_lines({NEAR: '<!-- referatcheck: disable-next-line=TOC003 reason="rettet i den trykte udgave" -->'})
    # The comment sits inside the table of contents and must not split it.
    assert lint(text, tmp_path) == [("TOC001", ORPHAN + 2)]


def test_disable_next_line_skips_blank_and_comment_lines(tmp_path):
    text = with_lines({ORPHAN: "<!-- referatcheck: disable-next-line=TOC001 -->\n<!-- en note -->"})
    assert lint(text, tmp_path) == [("TOC003", NEAR + 1)]


def test_disable_next_line_does_not_reach_further(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable-next-line=TOC001 -->"})
    found = lint(text, tmp_path)
    assert ("TOC003", NEAR + 2) in found and ("TOC001", ORPHAN + 2) in found
    assert ("RC006", NEAR + 1) in found  # it suppressed nothing on its line


def test_disable_enable_region(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable=TOC003,TOC001 -->", ORPHAN: "<!-- referatcheck: enable=TOC001,TOC003 -->"})
    # Only the near miss lies inside the region; TOC001 in the list suppressed nothing.
    found = lint(text, tmp_path)
    assert ("TOC003", NEAR + 2) not in found
    assert ("TOC001", ORPHAN + 3) in found
    assert ("RC006", NEAR + 1) in found


def test_disable_without_enable_runs_to_the_end(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable=TOC -->"})
    assert lint(text, tmp_path) == []


def test_bare_enable_closes_every_region(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable=TOC003 -->", NEAR + 1: "<!-- referatcheck: enable -->"})
    assert lint(text, tmp_path) == [("TOC001", ORPHAN + 3)]


def test_disable_file_anywhere(tmp_path):
    text = with_lines({len(LINES): "<!-- referatcheck: disable-file=TOC001, toc-title-near-miss -->"})
    assert lint(text, tmp_path) == []


def test_prefix_and_family_selectors(tmp_path):
    text = with_lines({0: "<!-- referatcheck: disable-file=TOC00 -->"})
    assert lint(text, tmp_path) == []


def test_unknown_code_is_rc005_and_suppresses_nothing(tmp_path):
    comment = "<!-- referatcheck: disable-next-line=TOC0003 -->"
    text = with_lines({NEAR: comment})
    path = write(tmp_path / "referat.md", text)
    result = lint_file(str(path), path.read_bytes())
    rc = [d for d in result.diagnostics if d.code == "RC005"]
    assert [(d.span.line, d.span.column, d.span.end_column) for d in rc] == [
        (NEAR + 1, comment.index("TOC0003") + 1, comment.index("TOC0003") + 8)
    ]
    assert "TOC0003" in rc[0].message.da and rc[0].severity.value == "warning"
    assert ("TOC003", NEAR + 2) in toc_codes(result)


def test_unused_code_in_a_list_points_at_that_code(tmp_path):
    comment = "<!-- referatcheck: disable-next-line=TOC003, TOC005 -->"
    text = with_lines({NEAR: comment})
    path = write(tmp_path / "referat.md", text)
    result = lint_file(str(path), path.read_bytes())
    unused = [d for d in result.diagnostics if d.code == "RC006"]
    assert len(unused) == 1
    assert unused[0].span.column == comment.index("TOC005") + 1
    assert "TOC005" in unused[0].message.en and f"line {NEAR + 2}" in unused[0].message.en


@pytest.mark.parametrize(
    "comment, fragment",
    [
        ("<!-- referatcheck: disabel=TOC003 -->", "did you mean disable"),
        ("<!-- referatcheck: disable -->", "must name codes"),
        ("<!-- referatcheck: enable=TOC003 -->", "without a `disable=TOC003`"),
        ("<!-- referatcheck: disable=TOC003 fordi tallene er rigtige -->", "cannot be read"),
    ],
)
def test_invalid_comments_are_rc007(tmp_path, comment, fragment):
    path = write(tmp_path / "referat.md", with_lines({NEAR: comment}))
    result = lint_file(str(path), path.read_bytes())
    invalid = [d for d in result.diagnostics if d.code == "RC007"]
    assert len(invalid) == 1 and invalid[0].span.line == NEAR + 1
    assert fragment in invalid[0].message.en


def test_reasons_in_any_quotes(tmp_path):
    for reason in ('"tal fra regnskabet"', "'tal fra regnskabet'", "“tal fra regnskabet”", "„tal fra regnskabet“"):
        text = with_lines({NEAR: f"<!-- referatcheck: disable-next-line=TOC003 reason={reason} -->"})
        suppressions, problems = read_suppressions(SourceText.from_text(text), known_rules())
        assert problems == [] and [s.reason for s in suppressions] == ["tal fra regnskabet"]


def test_other_comments_are_not_suppressions(tmp_path):
    text = with_lines({NEAR: "<!-- en almindelig kommentar om referatcheck -->"})
    suppressions, problems = read_suppressions(SourceText.from_text(text), known_rules())
    assert suppressions == [] and problems == []


CPR_LINE = "Godkendt. Borgerens CPR-nr. 120384-1235 fremgår af bilaget."


@pytest.mark.parametrize("comment", [
    " <!-- referatcheck: disable=PRV001 -->",
    "<!--referatcheck:disable-next-line=PRV001-->",
])
def test_a_comment_on_the_same_line_as_the_finding_is_rc007_and_hides_nothing(tmp_path, comment):
    line = CPR_LINE + comment
    text = TOC_DEFECTS.replace("Godkendt.", line, 1)
    path = write(tmp_path / "referat.md", text)
    found = lint_file(str(path), path.read_bytes()).diagnostics
    number = text.splitlines().index(line) + 1
    invalid = [d for d in found if d.code == "RC007"]
    assert len(invalid) == 1 and invalid[0].span.line == number
    assert invalid[0].span.column == line.index("<!--") + 1
    assert "alene på sin linje" in invalid[0].message.da and "line above" in invalid[0].message.en
    assert [d.span.line for d in found if d.code == "PRV001"] == [number]  # not hidden


def test_an_unterminated_comment_is_rc007(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable-next-line=TOC003"})
    suppressions, problems = read_suppressions(SourceText.from_text(text), known_rules())
    assert suppressions == [] and [p.code for p in problems] == ["RC007"]
    assert "-->" in problems[0].message.en


def test_disable_line_is_rc007_with_a_hint(tmp_path):
    path = write(tmp_path / "referat.md", with_lines({ORPHAN: "<!-- referatcheck: disable-line=TOC001 -->"}))
    invalid = [d for d in lint_file(str(path), path.read_bytes()).diagnostics if d.code == "RC007"]
    assert len(invalid) == 1 and "disable-next-line on the line above" in invalid[0].message.en


@pytest.mark.parametrize("settings, config", [
    (RunSettings(select=("TOC001",)), ""),
    (RunSettings(), 'select = ["TOC"]\n'),
    (RunSettings(ignore=("ALL",), extend_select=("TOC",)), ""),
    (RunSettings(), 'select = ["TOC", "PRV"]\n[per-file-ignores]\n"*.md" = ["ALL"]\n'),
])
def test_comment_findings_survive_a_select_without_rc(tmp_path, settings, config):
    if config:
        write(tmp_path / "referatcheck.toml", config)
    text = with_lines({
        NEAR: "<!-- referatcheck: disable-next-line=TOC0001 -->",   # RC005
        ORPHAN: "<!-- referatcheck: disabel=TOC001 -->",            # RC007
        len(LINES): "<!-- referatcheck: disable-next-line=TOC001 -->",  # RC006: nothing follows
    })
    codes = {code for code, _ in lint(text, tmp_path, settings)}
    # RC006 only where TOC001 runs: a suppression of a rule switched off is not unused.
    assert {"RC005", "RC007"} <= codes and ("RC006" in codes) == ("ALL" not in config)


def test_an_ignore_that_names_them_switches_comment_findings_off(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disabel=TOC001 -->"})
    assert "RC007" not in {code for code, _ in lint(text, tmp_path, RunSettings(select=("TOC",), ignore=("RC007",)))}


def test_suppression_of_a_switched_off_rule_is_not_called_unused(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable-next-line=TOC003 -->"})
    assert lint(text, tmp_path, RunSettings(select=("TOC001", "RC"))) == [("TOC001", ORPHAN + 2)]
    # ... but it is when the rule runs and finds nothing there.
    clean = text.replace("takster for 2025", "takster for 2024")
    assert lint(clean, tmp_path) == [("RC006", NEAR + 1), ("TOC001", ORPHAN + 2)]


def test_rc_findings_follow_the_configuration(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable-next-line=TOC001 -->"})
    write(tmp_path / "referatcheck.toml", 'ignore = ["RC006"]\n[severity]\nRC = "info"\n')
    assert lint(text, tmp_path) == [("TOC003", NEAR + 2), ("TOC001", ORPHAN + 2)]
    write(tmp_path / "referatcheck.toml", '[severity]\nRC006 = "info"\n')
    path = write(tmp_path / "referat.md", text)
    severities = {d.code: d.severity.value for d in lint_file(str(path), path.read_bytes()).diagnostics}
    assert severities["RC006"] == "info"


def test_crlf_and_bom_files(tmp_path):
    text = with_lines({NEAR: "<!-- referatcheck: disable-next-line=TOC003 -->"})
    path = tmp_path / "referat.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert toc_codes(lint_file(str(path), path.read_bytes())) == [("TOC001", ORPHAN + 2)]


def test_a_long_line_is_read_quickly():
    body = "disable=" + ",".join(["TOC001"] * 20000) + " x"
    text = f"<!-- referatcheck: {body} -->\n" + "<!-- referatcheck: disable=" + "a" * 500_000 + "\n"
    suppressions, problems = read_suppressions(SourceText.from_text(text), known_rules())
    assert [(p.code, p.span.line) for p in problems] == [("RC007", 1), ("RC007", 2)]  # the second is unterminated


def test_an_unused_region_at_the_end_of_the_file_says_nothing_follows(tmp_path):
    path = write(tmp_path / "referat.md", '<!-- referatcheck: disable=TAB001 reason="prøve" -->')
    [unused] = [d for d in lint_file(str(path), path.read_bytes()).diagnostics if d.code == "RC006"]
    assert "there are none" in unused.message.en and "2–1" not in unused.message.en
