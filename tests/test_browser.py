"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright.

Playwright drives the system Chromium (`/usr/bin/chromium`, from `apt-get install
chromium`); no browser is downloaded. In CI (`CI` set) a missing browser fails the
test; on a developer's machine without it the test is skipped with the reason.
Screenshots are kept in `tests/artifacts/` (not committed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from referatcheck.cli import main
from referatcheck.engine import Linter

from chromium import CHROMIUM, CHROMIUM_ARGS, require_browser

ARTIFACTS = ROOT / "tests" / "artifacts"

# Script the minutes carry; if any of it ran, window.__pwned would be set.
HOSTILE_LINES = [
    "<script>window.__pwned=1</script>",
    "",
    '<img src=x onerror="window.__pwned=1">',
    "",
]


@pytest.fixture(scope="module")
def browser():
    require_browser("the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _hostile_minutes() -> str:
    """The agenda example with script inserted into the case text of Punkt 2."""
    lines = (EXAMPLES / "defects" / "agenda-defects.md").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("Ventetiden på en plejebolig")) + 2
    return "\n".join(lines[:at] + HOSTILE_LINES + lines[at:])


def _minutes_file(tmp_path: Path, kind: str) -> Path:
    text = _hostile_minutes()
    if kind == "md":
        path = tmp_path / "referat.md"
        path.write_text(text, encoding="utf-8")
    else:
        from test_docx import WordTwin

        path = tmp_path / "kladde.docx"
        path.write_bytes(WordTwin(text).docx_bytes())
    return path


@pytest.mark.parametrize("kind", ["md", "docx"])
def test_report_in_chromium(browser, tmp_path: Path, kind: str) -> None:
    from playwright.sync_api import expect

    minutes = _minutes_file(tmp_path, kind)
    report = tmp_path / "rapport.html"
    outcome = CliRunner().invoke(main, ["check", str(minutes), "--format", "html", "--output", str(report)])
    assert outcome.exit_code == 1, outcome.output
    diagnostics = Linter().lint_bytes(str(minutes), minutes.read_bytes()).diagnostics
    assert len(diagnostics) >= 5

    page = browser.new_page(viewport={"width": 1100, "height": 760})
    requests: list[str] = []
    console: list[tuple[str, str]] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: console.append(("pageerror", str(error))))
    page.goto(report.as_uri())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{kind}.png"))

    # No script from the document ran: no element came from its markup, and its tags are
    # on the page as visible text.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 1  # the report's own
    assert page.locator("img, [onerror], [onload], [onmouseover]").count() == 0
    for line in HOSTILE_LINES[::2]:
        expect(page.locator(".minutes").get_by_text(line, exact=True)).to_be_visible()

    # Every finding is shown.
    boxes = page.locator(".finding")
    assert boxes.count() == len(diagnostics)
    for index in range(boxes.count()):
        expect(boxes.nth(index)).to_be_visible()
    if kind == "docx":
        # A place a clerk finds in Word: the item, the section heading, the paragraph in it.
        expect(boxes.first).to_contain_text("afsnit")
        places = page.locator(".finding .where").all_inner_texts()
        assert all(re.search(r"Word: (punkt \d+|indholdsfortegnelsen|før første punkt)", p) for p in places), places
        assert not any(re.search(r"Word: afsnit \d", p) for p in places)

    # The clerk's Danish: counts in the right number, code shown as code, families spelled out.
    totals = page.locator("header.bar .totals").inner_text()
    assert re.fullmatch(r"1 fil kontrolleret: \d+ fejl, (1 advarsel|\d+ advarsler), \d+ info", totals), totals
    shown = page.locator("main").inner_text()
    assert "`" not in shown and "(er)" not in shown
    assert page.locator(".finding .doc code").count() > 0
    expect(page.locator('header.bar label:has(input[value="ITM"])')).to_have_text("ITM dagsordenspunkter")

    # A finding far down the page: its link in the summary brings its place into view,
    # below the sticky filter bar.
    target = boxes.last.get_attribute("id")
    place = page.locator(f"#{target}")
    expect(place).not_to_be_in_viewport()
    page.locator(f'ol.findings a[href="#{target}"]').click()
    expect(place).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#{target}"
    bar_bottom = page.evaluate("document.querySelector('header.bar').getBoundingClientRect().bottom")
    assert page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top") >= bar_bottom - 1
    page.screenshot(path=str(ARTIFACTS / f"report-{kind}-finding.png"))

    # Filters: hide errors, then one family.
    errors = page.locator('.finding[data-severity="error"]')
    others = page.locator('.finding:not([data-severity="error"])')
    assert errors.count() and others.count()
    page.locator('input[data-filter="severity"][value="error"]').uncheck()
    for index in range(errors.count()):
        expect(errors.nth(index)).to_be_hidden()
    expect(others.first).to_be_visible()
    page.locator('input[data-filter="severity"][value="error"]').check()
    family = boxes.first.get_attribute("data-family")
    page.locator(f'input[data-filter="family"][value="{family}"]').uncheck()
    expect(page.locator(f'.finding[data-family="{family}"]').first).to_be_hidden()
    expect(page.locator(f'ol.findings li[data-family="{family}"]').first).to_be_hidden()
    expect(page.locator(f'.finding:not([data-family="{family}"])').first).to_be_visible()

    # Offline: the page asked for nothing but itself; nothing was refused or failed.
    assert requests == [report.as_uri()]
    assert not [m for m in console if m[0] in ("error", "pageerror")], console
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.close()
