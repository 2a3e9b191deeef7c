"""MTG — the meeting head: title, committee, date, weekday, time and place.

The title reads `REFERAT [period] <committee> d. DD-MM-YYYY`; the head fields give the
date with its weekday and time (`**Mødedato** Tirsdag d. 07. november 2023 kl. 15:30`)
and the place (`**Mødested** …`). Other systems use `Dato`, `Mødetidspunkt`, `Tid`,
`Sted`; a field a municipality does not print is at most info.
"""

from __future__ import annotations

import re
from typing import Iterator

from referatcheck import hookimpl
from referatcheck.dates import dates_in, find_dates, find_times, weekday_name
from referatcheck.decisions import TIME_LABELS as DATE_TIME_LABELS
from referatcheck.decisions import FIELD_SCAN, analyse, committee_of, date_field as _date_field, same_committee
from referatcheck.diagnostic import Severity
from referatcheck.model import Document, Field, Span
from referatcheck.rule import Rule, RuleDoc

TIME_LABELS = (*DATE_TIME_LABELS, "Mødestart", "Starttidspunkt", "Sluttidspunkt", "Mødeslut")
PLACE_LABELS = ("Mødested", "Sted", "Mødelokale", "Lokale", "Mødelokation", "Adresse")
_FILE_START = Span(1, 1, 1, 1)


_MINUTES_WORDS = re.compile(r"\b(?:referat|beslutningsprotokol|protokol|dagsorden)\b", re.IGNORECASE)


def _is_minutes(document: Document) -> bool:
    """Agenda items, head fields or a `REFERAT …` title: not some other Markdown file (a README)."""
    title = document.head.title
    return bool(document.items or document.head.fields or (title and _MINUTES_WORDS.search(title.text)))


def _anchor(document: Document) -> Span:
    """Where a finding about something missing from the head goes: the title, else line 1."""
    return document.head.title.span if document.head.title else _FILE_START


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(date) -> str:
    return date.strftime("%d-%m-%Y")


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
            if document.items:
                yield self.diagnostic(
                    document, _FILE_START,
                    "Referatet har ingen genkendelig titel (`REFERAT <udvalg> d. DD-MM-YYYY`).",
                    "The minutes have no recognisable title (`REFERAT <committee> d. DD-MM-YYYY`).",
                    severity=Severity.INFO,
                )
            return
        if not committee_of(document):
            yield self.diagnostic(
                document, title.span,
                f"Titlen \"{title.text}\" nævner ikke udvalget.",
                f"The title \"{title.text}\" does not name the committee.",
                subject="committee",
            )
        if title.date is None:
            date_field = _date_field(document)
            has_date = date_field is not None and bool(dates_in(date_field.value[:FIELD_SCAN]))
            yield self.diagnostic(
                document, title.span,
                f"Titlen \"{title.text}\" har ingen dato" + (" (den står i mødedatoen)." if has_date else "."),
                f"The title \"{title.text}\" has no date" + (" (the date field gives it)." if has_date else "."),
                severity=Severity.INFO if has_date else None, subject="date",
            )


class WrongWeekday(Rule):
    """The weekday in the meeting date does not match the date."""

    code, name, family, severity = "MTG002", "wrong-weekday", "MTG", Severity.ERROR
    doc = RuleDoc(
        summary_da="Ugedagen i mødedatoen passer ikke til datoen.",
        summary_en="The weekday in the meeting date does not match the date.",
        why_da="`Mandag d. 15. oktober 2024` kan ikke være rigtigt: 15. oktober 2024 er en tirsdag. Enten "
               "ugedagen eller datoen er forkert, og mødets dato er en del af protokollen (styrelseslovens § 13).",
        why_en="`Mandag d. 15. oktober 2024` cannot be right: 15 October 2024 is a Tuesday. Either the weekday or "
               "the date is wrong, and the meeting's date is part of the protocol (styrelsesloven § 13).",
        wrong="**Mødedato** Mandag d. 15. oktober 2024 kl. 16:00",
        right="**Mødedato** Tirsdag d. 15. oktober 2024 kl. 16:00",
    )

    def check(self, document, options) -> Iterator:
        date_field = _date_field(document)
        if date_field is None:
            return
        for mention in find_dates(date_field.value[:FIELD_SCAN]):
            if mention.date is None or mention.weekday is None:
                continue
            actual = weekday_name(mention.date)
            if mention.weekday != actual:
                yield self.diagnostic(
                    document, date_field.span,
                    f"{mention.weekday.capitalize()} passer ikke til {mention.text}: datoen er en {actual}.",
                    f"{mention.weekday.capitalize()} does not match {mention.text}: that date is a "
                    f"{_WEEKDAYS_EN[actual]}.",
                    subject=f"{mention.weekday}|{mention.text}",
                )


_WEEKDAYS_EN = {
    "mandag": "Monday", "tirsdag": "Tuesday", "onsdag": "Wednesday", "torsdag": "Thursday", "fredag": "Friday",
    "lørdag": "Saturday", "søndag": "Sunday",
}


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

    def check(self, document, options) -> Iterator:
        title = document.head.title
        date_field = _date_field(document)
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
            span, related = date_field.span, title.span
        else:
            also = f" ligesom {_headers(for_field)}" if for_field else ""
            also_en = f", as do {_headers(for_field, 'en')}" if for_field else ""
            da = f"Titlen siger {_fmt(title.date)}, men mødedatoen (linje {date_field.span.line}) er {_fmt(field_date)}{also}."
            en = (f"The title says {_fmt(title.date)}, but the meeting date (line {date_field.span.line}) is "
                  f"{_fmt(field_date)}{also_en}.")
            span, related = title.span, date_field.span
        yield self.diagnostic(
            document, span, da, en, related=(related,), subject=f"{_fmt(title.date)}|{_fmt(field_date)}",
        )


def _headers(count: int, lang: str = "da") -> str:
    if lang == "da":
        return "1 beslutningsoverskrift" if count == 1 else f"{count} beslutningsoverskrifter"
    return "1 decision header" if count == 1 else f"{count} decision headers"


def _header_votes(document: Document, title_date, field_dates) -> tuple[int, int]:
    """How many of the committee's decision headers give the title's date, and the field's."""
    committee = committee_of(document)
    for_title = for_field = 0
    for record in analyse(document):
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
        date_field = _date_field(document)
        title = document.head.title
        if date_field is None:
            if title is not None and title.date is not None:
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
        invalid = [m for m in find_dates(date_field.value[:FIELD_SCAN]) if m.date is None]
        shown = f" ({invalid[0].text} findes ikke)" if invalid else ""
        shown_en = f" ({invalid[0].text} does not exist)" if invalid else ""
        yield self.diagnostic(
            document, date_field.span,
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
        date_field = _date_field(document)
        if date_field is not None:
            sources.append((date_field, date_field.label.casefold() in _TIME_KEYS))
        sources.extend((f, True) for f in document.head.fields if f.label.casefold() in _TIME_KEYS and f is not date_field)
        valid = False
        for source, bare in sources:
            for mention in find_times(source.value[:FIELD_SCAN], bare=bare):
                if mention.valid:
                    valid = True
                    continue
                yield self.diagnostic(
                    document, source.span,
                    f"Klokkeslættet \"{mention.text}\" i {source.label} er ikke et gyldigt klokkeslæt (fx kl. 15:30).",
                    f"The time \"{mention.text}\" in {source.label} is not a valid time (e.g. kl. 15:30).",
                    subject=f"{source.label}|{mention.text}",
                )
                valid = True  # reported as malformed; not also as missing
        if not valid:
            anchor = date_field.span if date_field is not None else _anchor(document)
            yield self.diagnostic(
                document, anchor,
                "Referatet angiver ikke, hvornår mødet begyndte (fx `kl. 15:30` i mødedatoen).",
                "The minutes do not state when the meeting began (e.g. `kl. 15:30` in the meeting date).",
                severity=Severity.INFO, subject="time",
            )


_TIME_KEYS = {label.casefold() for label in TIME_LABELS}


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
        place = document.head.field(*PLACE_LABELS)
        if place is None:
            yield self.diagnostic(
                document, _anchor(document),
                "Referatet angiver intet mødested (`Mødested`).",
                "The minutes give no meeting place (`Mødested`).",
                severity=Severity.INFO, subject="place",
            )
        elif not any(ch.isalpha() for ch in place.value):
            yield self.diagnostic(
                document, place.span,
                f"Feltet {place.label} er tomt.",
                f"The field {place.label} is empty.",
                subject=place.label,
            )


RULES = (TitleIncomplete, WrongWeekday, TitleDateMismatch, MeetingDateMissing, MeetingTime, MeetingPlace)


@hookimpl
def referatcheck_rules():
    return RULES
