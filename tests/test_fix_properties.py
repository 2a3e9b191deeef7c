"""Properties of `--fix` on generated minutes (hypothesis).

Minutes with a table of contents broken in random ways (entries swapped, dropped, added,
misspelt; numbered or not; with page numbers or without), English-style numbers in a
table, `Ikke tilstede` notes, LF or CRLF line ends, with or without a BOM and a final
newline. For every one of them:

- fixing twice gives what fixing once gives;
- after the fix no finding appears that was not there before, and the fixed findings are
  gone (a rebuilt table of contents has no TOC finding left but a page out of order);
- the bytes keep their BOM and their line ends.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referatcheck.fixer import fix_bytes
from referatcheck.pipeline import lint_file

TITLES = [
    "Godkendelse af dagsorden",
    "Orientering om budgettet for 2024",
    "Godkendelse af takster for 2025",
    "Drøftelse af ny idrætspolitik",
    "Status på renovering af Havbjerg Kulturhus",
    "Anlægsbevilling til nye faglokaler på Vesterå Skole",
    "Kvalitetsrapport for skoleåret 2023/24",
    "Eventuelt",
]
TOC_FIXED = {"TOC001", "TOC002", "TOC003", "TOC004", "TOC006", "TOC007"}


@st.composite
def minutes(draw) -> tuple[str, bytes]:
    count = draw(st.integers(2, 6))
    titles = TITLES[:count]
    first = draw(st.integers(1, 60))
    numbered, paged = draw(st.booleans()), draw(st.booleans())
    entries = [(title, 3 + 2 * k) for k, title in enumerate(titles)]
    for operation in draw(st.lists(st.sampled_from(["swap", "drop", "orphan", "misspell"]), max_size=3)):
        k = draw(st.integers(0, len(entries) - 1))
        if operation == "swap" and k + 1 < len(entries):
            entries[k], entries[k + 1] = entries[k + 1], entries[k]
        elif operation == "drop" and len(entries) > 2:
            del entries[k]
        elif operation == "orphan":
            entries.insert(k, ("Orientering om ingenting", entries[k][1]))
        elif operation == "misspell":
            title, page = entries[k]
            if len(title) >= 12:
                entries[k] = (title.replace("e", "æ", 1), page)
    toc = []
    for title, page in entries:
        number = f"{first + titles.index(title)}. " if numbered and title in titles else ("99. " if numbered else "")
        toc.append(f"{number}{title}" + (f".....\t{page}" if paged else ""))
    items = []
    for k, title in enumerate(titles):
        heading = f"{first + k}. {title}" if numbered else f"# Punkt {first + k}: {title}"
        body = [heading, "", f"24/{10000 + k}", "", "## Sagsfremstilling", ""]
        if draw(st.booleans()):
            english = draw(st.booleans())
            body += ["Nøgletal\t2023\t2024", "Elever i specialklasser\t412\t438",
                     "Støttetimer pr. uge\t1.187,5\t" + ("1,234.5" if english else "1.234,5"), ""]
        body += ["Sagen forelægges til beslutning.", "", "## Beslutning", "", "Godkendt.", ""]
        if draw(st.booleans()):
            body += [f"{draw(st.sampled_from(['Ikke tilstede', 'Ikke til stede', 'IKKE TILSTEDE']))}: Ole Hansen (A)", ""]
        items += body
    lines = ["# REFERAT Nordby Udvalget d. 01-02-2024", "", "**Mødedato** Torsdag d. 1. februar 2024 kl. 15:00",
             "", "**Mødested** Rådhuset", "", "## Indholdsfortegnelse", "", *toc, "", *items]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(lines) + (end if draw(st.booleans()) else "")
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return end, bom + text.encode("utf-8")


def _keys(result) -> Counter:
    return Counter((d.code, d.subject) for d in result.diagnostics)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes())
def test_fixing_is_idempotent_safe_and_complete(case):
    end, data = case
    lint = lint_file
    before = lint("referat.md", data)
    once = fix_bytes("referat.md", data, lint, result=before)
    twice = fix_bytes("referat.md", once.fixed, lint)
    assert twice.fixed == once.fixed, "fixing twice equals fixing once"
    after = lint("referat.md", once.fixed)
    assert not _keys(after) - _keys(before), "no new finding"
    counts_before = Counter(d.code for d in before.diagnostics)
    counts_after = Counter(d.code for d in after.diagnostics)
    for code, fixed in once.fixed_codes:
        assert counts_after[code] <= counts_before[code] - fixed, f"the fixed {code} findings are gone"
    if TOC_FIXED & {code for code, _ in once.fixed_codes}:
        assert not TOC_FIXED & set(counts_after), "a rebuilt TOC leaves no TOC finding but TOC005"
    if "ATT007" in dict(once.fixed_codes):
        assert not counts_after["ATT007"]
    # Applicable fixes that were not applied must have been refused for a reason: the safety net.
    assert once.fixed.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    text = once.fixed.decode("utf-8-sig")
    assert (text.count("\r\n") == text.count("\n")) == (end == "\r\n")
