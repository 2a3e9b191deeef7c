"""MTG — the meeting head: title, committee, date, weekday, time and place.

The title reads `REFERAT [period] <committee> d. DD-MM-YYYY`; the head fields give the
date with its weekday and time (`**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30`)
and the place (`**Mødested** …`). Other systems use `Dato`, `Mødetidspunkt`, `Tid`,
`Sted`; a field a municipality does not print is at most info.

Other agenda systems state the meeting in other layouts (minutes-format.md §7.1): fields
named by role whatever their label, label lines over their value (`STED` / `Kanalstræde 2`),
a title that holds everything (`Referat til mødet i … den 22. juni 2020 kl. 17:30 i
Byrådssalen`), a bare `Beslutningsprotokol` over a date line, the committee and the date on
lines of their own. A time, place, date or committee stated anywhere in the head counts;
only a head that really lacks one is reported.
"""

from __future__ import annotations

import re
from typing import Iterator

from attrs import frozen

from referatcheck import hookimpl
from referatcheck.dates import dates_in, find_dates, find_times, restyle_date, spell_weekday, weekday_at, weekday_name
from referatcheck.decisions import FIELD_SCAN, committee_of, date_field as _label_date_field, looks_like_body
from referatcheck.decisions import same_committee
from referatcheck.diagnostic import Severity
from referatcheck.edits import Applicability, Edit, Fix, written
from referatcheck.model import Document, Field, Heading, ListBlock, Paragraph, Span
from referatcheck.rule import Rule, RuleDoc
from referatcheck.titles import clean_inline
from referatcheck.vocabulary.meeting import (
    COMMITTEE_KEYS, DATE_KEYS, KNOWN_LABEL_KEYS, LEAD_WORDS, MAYBE_COMMITTEE_KEYS, MINUTES_WORDS, PLACE_AFTER,
    PLACE_KEYS, PLACE_WORD, TIME_KEYS, TIME_ROLES, WEEKDAYS_IN_ENGLISH,
)

_FILE_START = Span(1, 1, 1, 1)


def _bare_title(title) -> bool:
    """A title that is only the kind of document (`Referat`, `Beslutningsprotokol`, `Referat fra
    mødet`): in such heads the committee and the date are given by the lines below."""
    return not MINUTES_WORDS.sub(" ", title.text[:200]).strip(" \t:–-").casefold().replace("fra mødet", "").strip()


def _committee_line(title) -> bool:
    """A title that is only a body's name (`Social- og Sundhedsudvalget`), no `Referat`, no date."""
    return not MINUTES_WORDS.search(title.text[:200]) and looks_like_body(title.text[:200])


def _is_minutes(document: Document) -> bool:
    """Agenda items, head fields or a `REFERAT …` title: not some other Markdown file (a README)."""
    title = document.head.title
    return bool(document.items or document.head.fields or (title and MINUTES_WORDS.search(title.text)))


def _anchor(document: Document) -> Span:
    """Where a finding about something missing from the head goes: the title, else line 1."""
    return document.head.title.span if document.head.title else _FILE_START


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(date) -> str:
    return date.strftime("%d-%m-%Y")


# ---- what the head states, wherever it states it --------------------------------------------
#
# Heads come in many layouts (minutes-format.md §1 and §7.1): labelled fields, a title that
# holds everything (`Referat til mødet i … den 22. juni 2020 kl. 17:30 i Byrådssalen`), a bare
# `Beslutningsprotokol` over a date line, upper-case labels over their values (`STED` /
# `Kanalstræde 2`), the committee and the date on lines of their own. The fields' roles (set
# by the lexer) come first; the label lists and the loose lines of the head are the fallback.

_HEAD_LINES = 40  # loose head lines read: a head is short, and a broken file's "head" may be the whole file


@frozen
class _Line:
    """One loose line of the head (outside the fields), markup removed."""

    text: str
    span: Span


def _head_lines(document: Document) -> list[_Line]:
    """The head's text lines that are no field: paragraph lines, headings, list items."""
    lines: list[_Line] = []
    for block in document.head.blocks:
        if isinstance(block, Paragraph):
            for offset, raw in enumerate(block.lines):
                text = clean_inline(raw[:FIELD_SCAN]).strip(" \t*_#")
                if text:
                    line = block.span.line + offset
                    lines.append(_Line(text, Span.of_line(line, raw)))
        elif isinstance(block, Heading):
            lines.append(_Line(block.text[:FIELD_SCAN], block.span))
        elif isinstance(block, ListBlock):
            # `29. januar 2020` on a line of its own reads as a numbered list item: keep its marker.
            for item in block.items:
                marker = item.marker + " " if item.marker[:1].isdigit() else ""
                lines.append(_Line(clean_inline((marker + item.text)[:FIELD_SCAN]).strip(), item.span))
        if len(lines) >= _HEAD_LINES:
            break
    return lines[:_HEAD_LINES]


def _label_key(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _labelled_lines(lines: list[_Line]) -> list[tuple[str, str, Span]]:
    """``(label, value, span)`` of head lines that are a label with its value: `Lokale:
    Byrådssalen` on one line, or a label alone on its line (`STED`, `STARTTIDSPUNKT`,
    `Mødetidspunkt`) with its value on the next line."""
    known = KNOWN_LABEL_KEYS
    found = []
    for k, line in enumerate(lines):
        label, colon, value = line.text.partition(":")
        key = _label_key(label)
        if colon and key in known:
            if value.strip():
                found.append((key, value.strip(), line.span))
            elif k + 1 < len(lines) and _label_key(lines[k + 1].text.rstrip(":")) not in known:
                found.append((key, lines[k + 1].text, lines[k + 1].span))
        elif not colon and key in known:  # `STED`, `Mødetidspunkt` alone on its line
            if k + 1 < len(lines) and _label_key(lines[k + 1].text.rstrip(":")) not in known:
                found.append((key, lines[k + 1].text, lines[k + 1].span))
    return found


def _meeting_date_field(document: Document) -> Field | None:
    """The field that gives the meeting date: the lexer's `date` role, else by its label."""
    return document.head.field_for("date") or _label_date_field(document)


def _is_time_field(field: Field) -> bool:
    return field.role in TIME_ROLES or field.label.casefold() in TIME_KEYS


def _is_place_field(field: Field) -> bool:
    return field.role == "place" or field.label.casefold() in PLACE_KEYS


def _field_texts(document: Document) -> list[tuple[Field, str]]:
    return [(f, f.value[:FIELD_SCAN]) for f in document.head.fields]


def _head_dates(document: Document, with_title: bool = True) -> bool:
    """Whether a real date is written anywhere in the head (fields, loose lines, the title)."""
    if with_title and _title_date(document):
        return True
    if any(dates_in(text) for _, text in _field_texts(document)):
        return True
    return any(dates_in(line.text) for line in _head_lines(document))


def _title_date(document: Document) -> bool:
    """Whether the title gives a date, also one the title reader did not take (`… den 22.
    juni 2020 kl. 17:30 i Byrådssalen`, `Onsdag, April 3, 2019`)."""
    title = document.head.title
    return title is not None and (title.date is not None or bool(dates_in(title.text[:FIELD_SCAN])))


def _date_right_after_title(document: Document) -> bool:
    """The head line right after the title is a date (`Beslutningsprotokol` / `onsdag den 4.
    marts 2015 kl. 09:00`; `Social- og Sundhedsudvalget` / `05-04-2022`)."""
    title = document.head.title
    if title is None:
        return False
    after = [line for line in _head_lines(document) if line.span.line > title.span.end_line]
    fields = [f for f in document.head.fields if f.span.line > title.span.end_line]
    first_line = after[0] if after else None
    first_field = min(fields, key=lambda f: f.span.line) if fields else None
    if first_line is None or (first_field is not None and first_field.span.line < first_line.span.line):
        return False
    return first_line.span.line - title.span.end_line <= 3 and bool(dates_in(first_line.text))


def _head_has_time(document: Document) -> bool:
    """Whether a valid clock time is written anywhere in the head."""
    texts = [text for _, text in _field_texts(document)]
    if document.head.title is not None:
        texts.append(document.head.title.text[:FIELD_SCAN])
    lines = _head_lines(document)
    texts.extend(line.text for line in lines)
    if any(m.valid for text in texts for m in find_times(text)):
        return True
    bare_values = [f.value[:FIELD_SCAN] for f in document.head.fields if _is_time_field(f)]
    bare_values += [value for key, value, _ in _labelled_lines(lines) if key in TIME_KEYS]
    return any(m.valid for text in bare_values for m in find_times(text, bare=True))


def _is_place_text(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _head_place(document: Document, skip: Field | None = None) -> bool:
    """Whether the head names the meeting place outside ``skip``: a place line (`Lokale:
    Byrådssalen`, `STED` / `Kanalstræde 2`), `… kl. 17:30 i Byrådssalen`, a line that is a
    hall, a room or an address."""
    lines = _head_lines(document)
    if any(key in PLACE_KEYS and _is_place_text(value) for key, value, _ in _labelled_lines(lines)):
        return True
    texts = [text for f, text in _field_texts(document) if f is not skip]
    if document.head.title is not None:
        texts.append(document.head.title.text[:FIELD_SCAN])
    texts.extend(line.text for line in lines)
    if any(PLACE_AFTER.search(text) for text in texts):
        return True
    return any(len(line.text) <= 80 and PLACE_WORD.search(line.text) for line in lines)


def _head_committee(document: Document) -> bool:
    """Whether the head names the committee: the title, a committee field (by role or label),
    `Udvalg: …` / `UDVALG` over its value, or a line that is a body's name
    (`Social- og Sundhedsudvalget`)."""
    if committee_of(document):
        return True
    role = document.head.field_for("committee")
    if role is not None and role.value.strip():
        return True
    for f in document.head.fields:
        if f.label.casefold() in MAYBE_COMMITTEE_KEYS and looks_like_body(f.value[:200]):
            return True
    lines = _head_lines(document)
    for key, value, _ in _labelled_lines(lines):
        if (key in COMMITTEE_KEYS and value.strip()) or (key in MAYBE_COMMITTEE_KEYS and looks_like_body(value[:200])):
            return True
    title = document.head.title
    if title is not None and _committee_in(title.text):
        return True
    return any(len(line.text) <= 160 and _committee_in(line.text) for line in lines)


# `Økonomiudvalget – Referat – 1. oktober 2018`, `Børn & Læringsudvalget - 08-09-2021`,
# `Beslutningsprotokol onsdag den 6. november 2024 kl. 09:00 Børne- og Skoleudvalget`: a body's
# name between the dates, times, dashes and the word Referat of a title or head line.
_PARTS = re.compile(r"\s[-–]\s")


def _committee_in(text: str) -> bool:
    text = text[:300]
    cuts = sorted([(m.start, m.end) for m in find_dates(text)] + [(m.start, m.end) for m in find_times(text)])
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    for piece in pieces:
        for part in _PARTS.split(piece):
            if looks_like_body(LEAD_WORDS.sub("", part, count=1)):
                return True
    return False


class TitleIncomplete(Rule):
    """The title lacks the committee or the date."""

    code, name, family, severity = "MTG001", "title-incomplete", "MTG", Severity.WARNING
    doc = RuleDoc(
        summary_da="Referatets titel mangler udvalget eller datoen.",
        summary_en="The title of the minutes lacks the committee or the date.",
        why_da="Titlen (`REFERAT Arbejdsmarkedsudvalget d. 07-11-2023`) fortæller, hvilket udvalgs møde "
               "protokollen dækker og hvornår (styrelseslovens § 13: beslutningsprotokollen føres for hvert "
               "møde). Mangler datoen i titlen, men står den i `Mødedato`, er fundet kun til orientering.",
        why_en="The title (`REFERAT Arbejdsmarkedsudvalget d. 07-11-2023`) tells whose meeting the protocol covers "
               "and when (styrelsesloven § 13: the beslutningsprotokol is kept per meeting). When the date is "
               "missing from the title but given in `Mødedato`, the finding is info only.",
        wrong="# REFERAT d. 07-11-2023\n\n**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30",
        right="# REFERAT Arbejdsmarkedsudvalget d. 07-11-2023\n\n**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30",
    )

    def check(self, document, options) -> Iterator:
        title = document.head.title
        if not _is_minutes(document):
            return
        if title is None:
            if document.items and not (_head_committee(document) and _head_dates(document)):
                yield self.diagnostic(
                    document, _FILE_START,
                    "Referatet har ingen genkendelig titel (`REFERAT <udvalg> d. DD-MM-YYYY`).",
                    "The minutes have no recognisable title (`REFERAT <committee> d. DD-MM-YYYY`).",
                    severity=Severity.INFO,
                )
            return
        if not _head_committee(document):
            yield self.diagnostic(
                document, title.span,
                f"Titlen \"{title.text}\" nævner ikke udvalget.",
                f"The title \"{title.text}\" does not name the committee.",
                subject="committee",
            )
        if title.date is None and not _title_date(document) and not _date_right_after_title(document):
            if (_bare_title(title) or _committee_line(title)) and _head_dates(document, with_title=False):
                # A title that is only `Referat` / `Beslutningsprotokol`, or only the committee's
                # name (`Ældreudvalget` over `Mødedato: 14. maj 2024`): the lines below date it.
                return
            # The date stated elsewhere in the head (a `Mødedato` field, a date line) makes it info.
            date_field = _meeting_date_field(document)
            in_field = date_field is not None and bool(dates_in(date_field.value[:FIELD_SCAN]))
            has_date = in_field or _head_dates(document, with_title=False)
            where_da = " (den står i mødedatoen)." if in_field else (" (den står i hovedet)." if has_date else ".")
            where_en = " (the date field gives it)." if in_field else (" (the head gives it)." if has_date else ".")
            yield self.diagnostic(
                document, title.span,
                f"Titlen \"{title.text}\" har ingen dato" + where_da,
                f"The title \"{title.text}\" has no date" + where_en,
                severity=Severity.INFO if has_date else None, subject="date",
            )


class WrongWeekday(Rule):
    """The weekday in the meeting date does not match the date."""

    code, name, family, severity = "MTG002", "wrong-weekday", "MTG", Severity.ERROR
    doc = RuleDoc(
        summary_da="En ugedag i mødehovedet (mødedatoen, titlen, en datolinje) passer ikke til datoen.",
        summary_en="A weekday in the head (the meeting date, the title, a date line) does not match the date.",
        why_da="`Mandag d. 15. oktober 2024` kan ikke være rigtigt: 15. oktober 2024 er en tirsdag. Enten "
               "ugedagen eller datoen er forkert, og mødets dato er en del af protokollen (styrelseslovens § 13).",
        why_en="`Mandag d. 15. oktober 2024` cannot be right: 15 October 2024 is a Tuesday. Either the weekday or "
               "the date is wrong, and the meeting's date is part of the protocol (styrelsesloven § 13).",
        wrong="**Mødedato** Mandag d. 15. oktober 2024 kl. 16:00",
        right="**Mødedato** Tirsdag d. 15. oktober 2024 kl. 16:00",
    )
    # Unsafe: the weekday may be right and the date wrong; only a person can tell.
    fixable = Applicability.UNSAFE

    def check(self, document, options) -> Iterator:
        date_field = _meeting_date_field(document)
        if date_field is not None:
            sources = [(date_field.value[:FIELD_SCAN], date_field.value_span)]
        else:  # `Mødetidspunkt` / `Torsdag, April 3, 2024 - 18:00`: a label line over the date
            sources = [(value[:FIELD_SCAN], span) for key, value, span in _labelled_lines(_head_lines(document))
                       if key in DATE_KEYS or key in TIME_KEYS]
        # A weekday written anywhere else in the head: the title's lines (`Referat fra
        # byrådsmødet onsdag den 24. april 2024`, a date line folded into the title) and the
        # head's own lines, each on its own line so the finding and its fix stand there.
        covered = {line for _, span in sources for line in range(span.line, span.end_line + 1)}
        title = document.head.title
        lines = list(range(title.span.line, title.span.end_line + 1)) if title is not None else []
        lines += [line.span.line for line in _head_lines(document)]
        for number in dict.fromkeys(lines):
            if number not in covered:
                span = document.line_span(number)
                sources.append((written(document, span)[:FIELD_SCAN], span))
        for text, span in sources:
            yield from self._check_weekdays(document, text, span)

    def _check_weekdays(self, document, text: str, span: Span) -> Iterator:
        for mention in find_dates(text):
            if mention.date is None or mention.weekday is None:
                continue
            actual = weekday_name(mention.date)
            if mention.weekday != actual:
                yield self.diagnostic(
                    document, span,
                    f"{mention.weekday.capitalize()} passer ikke til {mention.text}: datoen er en {actual}.",
                    f"{mention.weekday.capitalize()} does not match {mention.text}: that date is a "
                    f"{WEEKDAYS_IN_ENGLISH[actual]}.",
                    subject=f"{mention.weekday}|{mention.text}", fix=_weekday_fix(document, span, mention, actual),
                )


def _weekday_fix(document: Document, span: Span, mention, actual: str) -> Fix | None:
    """The weekday word before ``mention`` made ``actual``, if it stands once in the lines of ``span``."""
    places = []
    for line in range(span.line, span.end_line + 1):
        raw = written(document, document.line_span(line))
        for found in find_dates(raw):
            where = weekday_at(raw, found) if (found.date, found.weekday) == (mention.date, mention.weekday) else None
            if where is not None:
                places.append((line, raw, where))
    if len(places) != 1:
        return None
    line, raw, (start, end) = places[0]
    word = spell_weekday(actual, raw[start:end])
    return Fix.unsafe(
        [Edit.replace(Span(line, start + 1, line, end + 1), word)],
        f"Ret ugedagen til {word} (eller er det datoen, der er forkert?).",
        f"Change the weekday to {word} (or is it the date that is wrong?).",
    )


class TitleDateMismatch(Rule):
    """The title's date differs from the meeting date."""

    code, name, family, severity = "MTG003", "title-date-mismatch", "MTG", Severity.ERROR
    doc = RuleDoc(
        summary_da="Datoen i titlen er en anden end mødedatoen.",
        summary_en="The date in the title differs from the meeting date.",
        why_da="Titel og `Mødedato` skal angive samme møde. Fundet står ved den dato, der afviger fra "
               "beslutningsoverskrifterne (`Beslutning <udvalg> den …`); er der ingen, ved titlen.",
        why_en="The title and `Mødedato` must name the same meeting. The finding is placed at the date that "
               "disagrees with the decision headers (`Beslutning <udvalg> den …`); when there are none, at the "
               "title.",
        wrong="# REFERAT Social- og Sundhedsudvalget d. 17-10-2024\n\n**Mødedato** Tirsdag d. 15. oktober 2024",
        right="# REFERAT Social- og Sundhedsudvalget d. 15-10-2024\n\n**Mødedato** Tirsdag d. 15. oktober 2024",
    )
    # Unsafe: the meeting date may be the wrong one; only a person can tell.
    fixable = Applicability.UNSAFE

    def check(self, document, options) -> Iterator:
        title = document.head.title
        date_field = _meeting_date_field(document)
        if title is None or title.date is None or date_field is None:
            return
        field_dates = dates_in(date_field.value[:FIELD_SCAN])
        if not field_dates or title.date in field_dates:
            return
        field_date = min(field_dates)
        for_title, for_field = _header_votes(document, title.date, field_dates)
        # The odd one out is the date the decision headers do not repeat.
        if for_title > for_field:
            da = (f"Mødedatoen siger {_fmt(field_date)}, men titlen (linje {title.span.line}) og "
                  f"{_headers(for_title)} siger {_fmt(title.date)}.")
            en = (f"The meeting date says {_fmt(field_date)}, but the title (line {title.span.line}) and "
                  f"{_headers(for_title, 'en')} say {_fmt(title.date)}.")
            span, related = date_field.value_span, title.span
        else:
            also = f" ligesom {_headers(for_field)}" if for_field else ""
            also_en = f", as do {_headers(for_field, 'en')}" if for_field else ""
            da = f"Titlen siger {_fmt(title.date)}, men mødedatoen (linje {date_field.value_span.line}) er {_fmt(field_date)}{also}."
            en = (f"The title says {_fmt(title.date)}, but the meeting date (line {date_field.value_span.line}) is "
                  f"{_fmt(field_date)}{also_en}.")
            span, related = title.span, date_field.value_span
        # Only the title is rewritten, and only when it is the odd one out and the field names one day.
        fix = _title_date_fix(document, title, field_date) if span == title.span and len(field_dates) == 1 else None
        yield self.diagnostic(
            document, span, da, en, related=(related,), subject=f"{_fmt(title.date)}|{_fmt(field_date)}", fix=fix,
        )


def _title_date_fix(document: Document, title, date) -> Fix | None:
    """The title's date rewritten as ``date``, in the title's own form (`d. 17-10-2024` → `d. 15-10-2024`)."""
    places = []
    for line in range(title.span.line, title.span.end_line + 1):
        raw = written(document, document.line_span(line))
        places.extend((line, m) for m in find_dates(raw) if m.date == title.date)
    if len(places) != 1:
        return None
    line, mention = places[0]
    new_date = restyle_date(mention.text, date)
    if new_date is None:
        return None
    return Fix.unsafe(
        [Edit.replace(Span(line, mention.start + 1, line, mention.end + 1), new_date)],
        f"Ret titlens dato til mødedatoen {new_date}.", f"Change the title's date to the meeting date {new_date}.",
    )


def _headers(count: int, lang: str = "da") -> str:
    if lang == "da":
        return "1 beslutningsoverskrift" if count == 1 else f"{count} beslutningsoverskrifter"
    return "1 decision header" if count == 1 else f"{count} decision headers"


def _header_votes(document: Document, title_date, field_dates) -> tuple[int, int]:
    """How many of the committee's decision headers give the title's date, and the field's."""
    committee = committee_of(document)
    for_title = for_field = 0
    for record in document.facts.records:
        for decision in record.decisions:
            header = decision.header
            if header.date is None or decision.in_history:
                continue
            if header.committee and committee and not same_committee(header.committee, committee):
                continue
            for_title += header.date == title_date
            for_field += header.date in field_dates
    return for_title, for_field


class MeetingDateMissing(Rule):
    """The meeting date is missing or cannot be read."""

    code, name, family, severity = "MTG004", "meeting-date-unreadable", "MTG", Severity.WARNING
    doc = RuleDoc(
        summary_da="Mødedatoen mangler eller kan ikke læses som en dato.",
        summary_en="The meeting date is missing or cannot be read as a date.",
        why_da="Beslutningsprotokollen skal vise mødets dato (styrelseslovens § 13). `31. juni 2024` eller en "
               "stavefejl i måneden gør datoen ulæselig. Mangler feltet `Mødedato`, men står datoen i titlen, er "
               "fundet kun til orientering.",
        why_en="The beslutningsprotokol must show the meeting's date (styrelsesloven § 13). `31. juni 2024` or a "
               "misspelt month makes the date unreadable. When the `Mødedato` field is missing but the title "
               "has the date, the finding is info only.",
        wrong="**Mødedato** Mandag d. 31. juni 2024 kl. 16:00",
        right="**Mødedato** Mandag d. 1. juli 2024 kl. 16:00",
    )

    def check(self, document, options) -> Iterator:
        if not _is_minutes(document):
            return
        date_field = _meeting_date_field(document)
        title = document.head.title
        if date_field is None:
            if _head_dates(document, with_title=False):
                return  # a date line (`onsdag den 4. marts 2015 kl. 09:00`, `STARTTIDSPUNKT` / `04-06-2020 09:00:00`)
            if _title_date(document):
                # Fields stating the meeting (time, place), but none with the date; a title read over
                # several lines (`Social- og Sundhedsudvalget` / `05-04-2022`) has the date on a line
                # of its own, and a title that holds everything (`Referat til mødet i … den 3. april
                # 2024 kl. 15:00 i …`) needs no date field beside it.
                facts = [f for f in document.head.fields if _is_time_field(f) or _is_place_field(f)]
                if facts and title.span.end_line == title.span.line:
                    yield self.diagnostic(
                        document, title.span,
                        "Referatet har intet felt med mødedatoen (`Mødedato`); datoen står kun i titlen.",
                        "The minutes have no meeting date field (`Mødedato`); the date is only in the title.",
                        severity=Severity.INFO,
                    )
            else:
                yield self.diagnostic(
                    document, _anchor(document),
                    "Referatet angiver ingen mødedato, hverken i titlen eller i et `Mødedato`-felt.",
                    "The minutes give no meeting date, neither in the title nor in a `Mødedato` field.",
                )
            return
        if dates_in(date_field.value[:FIELD_SCAN]):
            return
        if not any(ch.isdigit() for ch in date_field.value[:FIELD_SCAN]) and _head_dates(document):
            return  # no date written in the field at all (`Dato:` over a date line); the head gives it
        invalid = [m for m in find_dates(date_field.value[:FIELD_SCAN]) if m.date is None]
        shown = f" ({invalid[0].text} findes ikke)" if invalid else ""
        shown_en = f" ({invalid[0].text} does not exist)" if invalid else ""
        yield self.diagnostic(
            document, date_field.value_span,
            f"Mødedatoen \"{_short(date_field.value)}\" kan ikke læses som en dato{shown}.",
            f"The meeting date \"{_short(date_field.value)}\" cannot be read as a date{shown_en}.",
            subject=_short(date_field.value),
        )


class MeetingTime(Rule):
    """The meeting time is missing or malformed."""

    code, name, family, severity = "MTG005", "meeting-time", "MTG", Severity.WARNING
    doc = RuleDoc(
        summary_da="Mødets klokkeslæt er forkert skrevet (eller mangler).",
        summary_en="The meeting time is malformed (or missing).",
        why_da="Klokkeslættet (`kl. 15:30`) er en del af mødets angivelse. `kl. 25:00` eller `kl. 15:3` kan ikke "
               "være rigtigt. Nogle kommuner angiver ikke klokkeslæt; et manglende klokkeslæt er kun til "
               "orientering.",
        why_en="The time (`kl. 15:30`) is part of stating the meeting. `kl. 25:00` or `kl. 15:3` cannot be right. "
               "Some municipalities give no time; a missing time is info only.",
        wrong="**Mødedato** Tirsdag d. 07. november 2023 kl. 25:30",
        right="**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30",
    )

    def check(self, document, options) -> Iterator:
        if not _is_minutes(document):
            return
        sources: list[tuple[Field, bool]] = []
        date_field = _meeting_date_field(document)
        if date_field is not None:
            sources.append((date_field, _is_time_field(date_field)))
        sources.extend((f, True) for f in document.head.fields if _is_time_field(f) and f is not date_field)
        valid = False
        for source, bare in sources:
            for mention in find_times(source.value[:FIELD_SCAN], bare=bare):
                if mention.valid:
                    valid = True
                    continue
                yield self.diagnostic(
                    document, source.value_span,
                    f"Klokkeslættet \"{mention.text}\" i {source.label} er ikke et gyldigt klokkeslæt (fx kl. 15:30).",
                    f"The time \"{mention.text}\" in {source.label} is not a valid time (e.g. kl. 15:30).",
                    subject=f"{source.label}|{mention.text}",
                )
                valid = True  # reported as malformed; not also as missing
        if not valid and not _head_has_time(document):
            anchor = date_field.value_span if date_field is not None else _anchor(document)
            yield self.diagnostic(
                document, anchor,
                "Referatet angiver ikke, hvornår mødet begyndte (fx `kl. 15:30` i mødedatoen).",
                "The minutes do not state when the meeting began (e.g. `kl. 15:30` in the meeting date).",
                severity=Severity.INFO, subject="time",
            )


class MeetingPlace(Rule):
    """The meeting place is missing or empty."""

    code, name, family, severity = "MTG006", "meeting-place", "MTG", Severity.WARNING
    doc = RuleDoc(
        summary_da="Mødestedet er tomt (eller mangler).",
        summary_en="The meeting place is empty (or missing).",
        why_da="Mødestedet (`**Mødested** Rådhuset, mødelokale 188`) hører til mødets angivelse. Et felt uden "
               "tekst er en skabelon, der ikke er udfyldt. Nogle kommuner angiver ikke mødested; et manglende "
               "felt er kun til orientering.",
        why_en="The place (`**Mødested** Rådhuset, mødelokale 188`) belongs to the statement of the meeting. A "
               "field without text is a template left unfilled. Some municipalities give no place; a missing "
               "field is info only.",
        wrong="**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30\n\n**Mødested**",
        right="**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30\n\n**Mødested** Borgen, mødelokale Italien",
    )

    def check(self, document, options) -> Iterator:
        if not _is_minutes(document):
            return
        place = document.head.field_for("place")
        if place is None:
            if _head_place(document):
                return
            yield self.diagnostic(
                document, _anchor(document),
                "Referatet angiver intet mødested (`Mødested`).",
                "The minutes give no meeting place (`Mødested`).",
                severity=Severity.INFO, subject="place",
            )
        elif not _is_place_text(place.value):
            if _value_below(document, place):
                return  # `Sted:` over its value on the next line
            # Unfilled, but the head names the place elsewhere (`… kl. 17:30 i Byrådssalen`): info.
            elsewhere = _head_place(document, skip=place)
            yield self.diagnostic(
                document, place.span,
                f"Feltet {place.label} er tomt" + (" (mødestedet står andetsteds i hovedet)." if elsewhere else "."),
                f"The field {place.label} is empty" + (" (the head names the place elsewhere)." if elsewhere else "."),
                severity=Severity.INFO if elsewhere else None, subject=place.label,
            )


def _value_below(document: Document, field: Field) -> bool:
    """The line right below an empty field holds its value (no label of its own)."""
    lines = _head_lines(document)
    below = next((line for line in lines if line.span.line > field.span.end_line), None)
    if below is None or below.span.line - field.span.end_line > 2 or not _is_place_text(below.text):
        return False
    if any(f.span.line > field.span.end_line and f.span.line < below.span.line for f in document.head.fields):
        return False
    label, colon, _ = below.text.partition(":")
    return _label_key(label.rstrip(":")) not in KNOWN_LABEL_KEYS


RULES = (TitleIncomplete, WrongWeekday, TitleDateMismatch, MeetingDateMissing, MeetingTime, MeetingPlace)


@hookimpl
def referatcheck_rules():
    return RULES
