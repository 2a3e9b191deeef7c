"""Fuzzing the whole pipeline (bytes → diagnostics) with structured generators.

Valid minutes are built from a small grammar of parts (head, TOC, items, sections,
paragraphs, lists, tables), then mutated the way conversions and hurried edits damage
them: lines deleted, swapped, duplicated and truncated, numbers changed, random bytes
inserted, other encodings and line ends. Whatever comes out:

- no exception escapes and no rule crashes (an RC002 is a bug);
- every span lies inside the text (line 1..number of lines, columns within the line + 1);
- the same input gives the same output, and a parallel run gives the serial run's.

Example counts are kept CI-friendly; raise them with REFERATCHECK_FUZZ_EXAMPLES=500.
"""

from __future__ import annotations

import codecs
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from referatcheck.pipeline import RunSettings, lint_file
from referatcheck.runner import lint_paths
from referatcheck.source import SourceText

EXAMPLES = int(os.environ.get("REFERATCHECK_FUZZ_EXAMPLES", "30"))
settings.register_profile(
    "referatcheck-fuzz", deadline=None, max_examples=EXAMPLES, derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
FUZZ = settings.get_profile("referatcheck-fuzz")
SETTINGS = RunSettings(isolated=True)

# ---- valid minutes ----------------------------------------------------------------------

COMMITTEES = ["Økonomiudvalget", "Arbejdsmarkedsudvalget", "Teknik- og Miljøudvalget", "Byrådet"]
WORDS = ["Godkendelse", "af", "dagsorden", "budget", "2024", "Orientering", "om", "takster", "for", "anlæg",
         "Eventuelt", "Lukket:", "Salg", "grund", "ældreområdet", "3.", "bevillingsrevision", "-", "Lukket punkt"]
NAMES = ["Anne Holm (A)", "Peter Lykke (V)", "Sofie Winther (F)", "Niels Kaas (Ø)", "Jens Bak (C)"]
DATES = ["07-11-2023", "2. september 2024", "12.03.2024", "31-02-2024", "1-1-24"]

title_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)
amount = st.one_of(
    st.integers(-99_999_999, 99_999_999).map(lambda n: f"{n:,}".replace(",", ".")),
    st.decimals(-10_000, 10_000, places=1, allow_nan=False, allow_infinity=False).map(lambda d: str(d).replace(".", ",")),
    st.sampled_from(["-", "", "0", "12,5 %", "1.229.781 kr.", "÷ 3.200", "(1.000)", "n/a"]),
)


@st.composite
def table(draw) -> list[str]:
    columns = draw(st.integers(2, 5))
    header = ["Beløb i 1.000 kr."] + draw(st.lists(st.sampled_from(
        ["Budget", "Korrigeret budget", "Forventet regnskab", "Forskel", "Afvigelse", "Pct."]),
        min_size=columns - 1, max_size=columns - 1))
    rows = [header]
    body = draw(st.lists(st.lists(amount, min_size=columns - 1, max_size=columns - 1), min_size=1, max_size=6))
    for i, cells in enumerate(body):
        rows.append([draw(st.sampled_from(["Drift", "Anlæg", "Beboelse", "Kontanthjælp"])) + f" {i}"] + cells)
    if draw(st.booleans()):
        rows.append(["I alt"] + draw(st.lists(amount, min_size=columns - 1, max_size=columns - 1)))
    if draw(st.booleans()):
        return ["| " + " | ".join(r) + " |" for r in rows[:1]] + ["|" + "---|" * columns] + \
            ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return ["\t".join(r) for r in rows]


SECTION_HEADS = ["## Sagsfremstilling", "**Indstilling**", "### Økonomi", "Beslutning {committee} den {date}",
                 "**{committee}s beslutning den {date}**", "Administrationen indstiller, at:", "## Bilag",
                 "Sagsresumé", "## Beslutning"]
PARAGRAPHS = [
    "Godkendt.", "Anbefales.", "Taget til efterretning.", "Udvalget godkendte indstillingen med 5 stemmer mod 2.",
    "Fraværende: {name}.", "{name} deltog ikke i behandlingen af punktet.", "Ikke til stede: {name}",
    "Der er afsat 2,5 mio. kr. til projektet, heraf 1,2 mio. kr. i 2024 og 1,3 mio. kr. i 2025.",
    "Udgiften på 3.200 t.kr. finansieres af kassebeholdningen.", "CPR-nr. 010203-1234 må ikke stå her.",
    "Et punkt er udsat til mødet den {date}.", "<!-- referatcheck: disable=TAB001 -->", "Sagen afgøres i Byrådet.",
]


@st.composite
def section(draw, committee: str) -> list[str]:
    fill = {"committee": committee, "date": draw(st.sampled_from(DATES)), "name": draw(st.sampled_from(NAMES))}
    lines = [draw(st.sampled_from(SECTION_HEADS)).format(**fill), ""]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["paragraph", "paragraph", "list", "table"]))
        if kind == "paragraph":
            lines.append(draw(st.sampled_from(PARAGRAPHS)).format(**fill))
        elif kind == "list":
            marker = draw(st.sampled_from(["-", "*", "1.", "•"]))
            lines += [f"{marker} at {draw(title_words)}" for _ in range(draw(st.integers(1, 3)))]
        else:
            lines += draw(table())
        lines.append("")
    return lines


@st.composite
def minutes(draw) -> str:
    committee = draw(st.sampled_from(COMMITTEES))
    date = draw(st.sampled_from(DATES))
    style = draw(st.sampled_from(["punkt-heading", "punkt-bold", "numbered"]))
    first = draw(st.integers(1, 150))
    titles = draw(st.lists(title_words, min_size=0, max_size=6, unique=True))
    lines = [draw(st.sampled_from(["", "# "])) + f"REFERAT {committee} d. {date}", ""]
    lines += [f"**Mødedato** Tirsdag d. {date} kl. 15:30", "", f"**Mødested** Rådhuset, lokale {first}", ""]
    if draw(st.booleans()):
        lines += ["**Mødedeltagere** " + ", ".join(draw(st.lists(st.sampled_from(NAMES), max_size=4))), ""]
    if draw(st.booleans()):
        lines += ["## Indholdsfortegnelse", ""]
        for i, title in enumerate(titles):
            prefix = f"{first + i}. " if style == "numbered" else ""
            lines.append(prefix + title + draw(st.sampled_from([".....\t", "\t", " ..... ", "....."])) + str(2 + i))
        lines.append("")
    for i, title in enumerate(titles):
        number = first + i
        head = {"punkt-heading": f"# Punkt {number}: {title}", "punkt-bold": f"## **Punkt {number}: {title}**",
                "numbered": f"{number}. {title}"}[style]
        lines += [head, "", draw(st.sampled_from(["24/1234", "15.00.15-P16-1-21", "330-2024-1201", ""])), ""]
        for _ in range(draw(st.integers(0, 3))):
            lines += draw(section(committee))
    return "\n".join(lines)


# ---- damage -----------------------------------------------------------------------------


@st.composite
def damaged(draw) -> bytes:
    lines = draw(minutes()).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "swap", "truncate", "number", "duplicate", "garbage", "join"]))
        if action == "delete":
            del lines[i]
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]))))]
        elif action == "number":
            digits = [k for k, ch in enumerate(lines[i]) if ch.isdigit()]
            if digits:
                k = draw(st.sampled_from(digits))
                lines[i] = lines[i][:k] + draw(st.sampled_from("0123456789¹٣")) + lines[i][k + 1:]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "garbage":
            noise = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + noise + lines[i][k:]
        else:
            lines[i: i + 2] = [" ".join(lines[i: i + 2])]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    if draw(st.booleans()):
        text += "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    data = text.encode(encoding, errors="replace") if encoding == "cp1252" else text.encode(encoding)
    if draw(st.integers(0, 9)) == 0:  # raw byte damage, as a broken transfer leaves it
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(max_size=8)) + data[k:]
    return data


# ---- properties -------------------------------------------------------------------------


def _spans_inside(result) -> None:
    source = result.source
    if source is None:  # not text: only the file-level RC003
        assert [d.code for d in result.diagnostics] == ["RC003"]
        return
    lines = source.lines or ("",)

    def inside(span, what):
        assert 1 <= span.line <= span.end_line <= len(lines), (what, span, len(lines))
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (what, span, len(lines[span.line - 1]))
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, (what, span)
        if span.line == span.end_line:
            assert span.column <= span.end_column, (what, span)

    for d in result.diagnostics:
        inside(d.span, d.code)
        for related in d.related:
            inside(related, f"{d.code} related")


@FUZZ
@given(minutes())
def test_valid_minutes_lint_without_crashes(text):
    data = text.encode("utf-8")
    result = lint_file("m.md", data, SETTINGS)
    assert not result.incomplete, [d.message.en for d in result.diagnostics if d.code.startswith("RC")]
    _spans_inside(result)
    assert len(SourceText.from_bytes(data).lines) == len(result.source.lines)


@FUZZ
@given(damaged())
def test_damaged_minutes_never_crash_and_spans_stay_inside(data):
    result = lint_file("m.md", data, SETTINGS)
    crashes = [d.message.en for d in result.diagnostics if d.code in ("RC001", "RC002")]
    assert not crashes
    _spans_inside(result)
    again = lint_file("m.md", data, SETTINGS)
    assert again == result  # same input, same output


@settings(FUZZ, max_examples=max(3, EXAMPLES // 10))
@given(st.lists(damaged(), min_size=8, max_size=9))
def test_parallel_run_equals_serial_run(tmp_path_factory, documents):
    folder = tmp_path_factory.mktemp("fuzz")
    paths = []
    for i, data in enumerate(documents):
        path = folder / f"m{i:02d}.md"
        path.write_bytes(data)
        paths.append(str(path))
    serial = lint_paths(paths, SETTINGS, jobs=1, use_cache=False)
    parallel = lint_paths(paths, SETTINGS, jobs=2, use_cache=False)
    assert parallel == serial
    cached = lint_paths(paths, SETTINGS, jobs=2, cache_dir=folder / "cache")
    warm = lint_paths(paths, SETTINGS, jobs=2, cache_dir=folder / "cache")
    assert cached == warm == serial


def test_utf16_and_bom_variants_keep_line_count():
    text = "# REFERAT Udvalget d. 01-02-2024\r\n\r\nTekst\r"
    for data in (text.encode("utf-16"), codecs.BOM_UTF8 + text.encode()):
        assert len(SourceText.from_bytes(data).lines) == 3
