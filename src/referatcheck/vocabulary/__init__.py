"""Every Danish word and form referatcheck knows, in one place.

A newcomer who wants referatcheck to read one more municipality looks here first.
This module holds what the reading layer needs to find the structure: head labels
and their roles, title words, item markers, case-number labels, TOC headings,
closed-item markers, section names and their kinds, decision-heading forms, web
artefacts to skip, attendance lines, Word's style names. What the domain readers
need lives beside it, one module per subject:

- :mod:`.calendar` — months, weekdays, the words around dates and times;
- :mod:`.meeting` — which head labels give date, time, place and committee; place words;
- :mod:`.decisions` — what a recommendation asks, verdict formulas, decision headings,
  committee names;
- :mod:`.attendance` — party letters, absence and vote phrases, participant labels;
- :mod:`.tables` — column terms and their roles, total and part labels, units in headers;
- :mod:`.amounts` — money units and thousands labels;
- :mod:`.figures` — the words that announce the parts of a whole (`heraf`);
- :mod:`.items` — case-number formats; :mod:`.privacy` — closed-item notes, CPR labels.

No module outside this package spells Danish words in its patterns
(tests/test_vocabulary.py checks it).

Two ways to extend it without touching the code (see the README, "Formater"):

- configuration: ``[tool.referatcheck.vocabulary]`` with ``head-labels``,
  ``toc-headings``, ``artefacts`` (and ``[tool.referatcheck.section-names]``);
- a plugin: the ``referatcheck_vocabulary`` hook returns the same mapping.

Every pattern runs on one line and is linear in its length (bounded repetitions,
no nested quantifiers over the same characters); tests/test_regex_safety.py audits them.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from referatcheck.vocabulary.calendar import MONTHS, WEEKDAYS, WEEKDAYS_EN  # noqa: F401 (part of the vocabulary)

from referatcheck.model import SectionKind

K = SectionKind

# ---- the document head --------------------------------------------------------------

#: Words that make a line the document's title (`REFERAT …`, `Beslutningsprotokol`).
TITLE_WORDS = ("referat", "beslutningsprotokol", "dagsorden", "protokol", "mødereferat")

#: Head labels and what they are for. A label is matched case-insensitively, with or
#: without a trailing colon, bold or upper-case on a line of its own.
HEAD_LABELS: dict[str, str] = {
    **dict.fromkeys(["mødedato", "dato", "møde dato", "mødedag"], "date"),
    **dict.fromkeys(["mødetidspunkt", "tidspunkt", "mødetid", "tid", "klokkeslæt"], "time"),
    **dict.fromkeys(["starttidspunkt", "mødestart", "start", "starttid", "mødet startede"], "start"),
    **dict.fromkeys(["sluttidspunkt", "mødeslut", "slut", "sluttid", "mødet sluttede", "mødet hævet"], "end"),
    **dict.fromkeys(["mødested", "sted", "mødelokale", "lokale", "mødelokation", "adresse", "lokation"], "place"),
    **dict.fromkeys(["udvalg", "udvalgsnavn", "forum", "møde", "mødeforum", "organ"], "committee"),
    **dict.fromkeys(
        ["mødedeltagere", "deltagere", "medlemmer", "til stede", "tilstede", "tilstedeværende",
         "deltagende medlemmer", "medlemmer til stede", "deltog", "udvalgsmedlemmer", "byrådsmedlemmer"],
        "members",
    ),
    **dict.fromkeys(
        ["afbud", "fraværende", "fraværende med afbud", "forfald", "fraværende/afbud", "afbud/fravær",
         "fravær", "ikke til stede", "ikke tilstede", "afbud fra"],
        "absent",
    ),
    **dict.fromkeys(["stedfortræder", "stedfortrædere", "suppleant", "suppleanter", "indkaldt suppleant"], "substitute"),
    **dict.fromkeys(["bemærkninger", "bemærkning", "øvrige bemærkninger"], "remarks"),
    **dict.fromkeys(["mødeleder", "formand", "mødeformand"], "chair"),
    **dict.fromkeys(["referent", "sekretær", "protokolfører"], "secretary"),
    **dict.fromkeys(["øvrige deltagere", "andre deltagere", "fra administrationen", "desuden deltog"], "others"),
}

#: Labels unmistakable without their colon or bold (`Mødedato Tirsdag d. 4. marts 2024`, as a
#: conversion that lost the bold leaves them): the `møde…` compounds and their value.
RUN_IN_LABEL = re.compile(
    r"^(mødedato|mødetidspunkt|mødested|mødelokale|mødedeltagere|mødestart|mødeslut)\s{1,8}(\S.*)$", re.IGNORECASE
)

#: Roles whose value may run on over the following lines (a list of names).
LIST_ROLES = frozenset({"members", "absent", "substitute", "others", "remarks", "place"})

#: A heading over the head fields (`Mødefakta`): not the title, not a field.
HEAD_HEADINGS = frozenset({"mødefakta", "mødeoplysninger", "praktiske oplysninger", "mødeinformation"})

# ---- the table of contents ----------------------------------------------------------

TOC_HEADINGS = frozenset({
    "indholdsfortegnelse", "indhold", "dagsordensoversigt", "punktoversigt", "oversigt over punkter",
    "punkter på dagsordenen", "dagsordenpunkter", "dagsordenspunkter", "punkter", "sager", "dagsorden",
    "dagsordenen",
    "åbne punkter", "sagsoversigt", "indholdsliste", "emner", "punktliste",
})
# `Sager 24 - 31`, `Punkter 1-12`; `Indholdsfortegnelse1. Fraværende` (glued to its first entry).
TOC_HEADING_RANGE = re.compile(r"^(?:sager|punkter|pkt\.?)\s{0,3}\d{1,4}\s{0,3}[-–]\s{0,3}\d{1,4}$", re.IGNORECASE)
TOC_HEADING_GLUED = re.compile(r"^(?i:(indholdsfortegnelse|indhold))(?=[0-9A-ZÆØÅ])(.{1,300})$")
#: Header cells of a column TOC (`Pkt.<TAB>Tekst<TAB>Side`).
TOC_HEADER_CELLS = frozenset({"pkt", "pkt.", "punkt", "nr", "nr.", "tekst", "titel", "emne", "side", "sag", "sagsnr."})
#: `åbent` / `lukket` in front of a TOC entry or on the line before an item.
OPEN_CLOSED_LEAD = re.compile(r"^(åbent|åben|lukket)(?:\s{1,5}punkt)?\b\s{0,5}", re.IGNORECASE)
#: The number in front of a numbered TOC entry, with what separates it from the title
#: (`49. `, `1.`, ` 1  `, `Punkt 4: `, `49<TAB>`): a rebuilt entry keeps the form.
TOC_ENTRY_NUMBER = re.compile(r"(?:(?:Punkt|Pkt\.?|Sag)[ \t]{0,3})?(?P<digits>\d{1,5})(?:[.:)][ \t\u00a0]*|[ \t\u00a0]+)",
                              re.IGNORECASE)

# ---- agenda items -------------------------------------------------------------------

# `Punkt 4: Title`, `Pkt. 42 Title`, `Pkt. 42`, `Punkt 3.`, `Nr.60 - Title`, `• Pkt. 42 Title`,
# `Dagsordenspunkt 7 - Title`, `Sag 23 - Title`; a bullet and `åbent`/`lukket` may stand in
# front, the item's status in brackets after the number (`Punkt 4 (Lukket): Title`).
ITEM_WORD_MARKER = re.compile(
    r"^(?:[•·▪*-]\s{0,3})?(?:(?P<lead>åbent|lukket)\s{1,3})?"
    r"(?:punkt|pkt\.?|dagsordens?punkt|nr\.?|sag)\s{0,3}(?P<number>\d{1,5})\b\.?"
    r"(?:\s{0,3}\((?P<status>åbent?|lukket|fortroligt?|offentligt?)(?:\s{1,3}(?:punkt|sag))?\))?"
    r"(?:\s{0,3}(?P<sep>[:.–-])\s{0,3}|\s{1,5}|$)(?P<title>.*)$",
    re.IGNORECASE,
)
#: The status words of ITEM_WORD_MARKER (`lead`, `status`) that make an item closed.
CLOSED_STATUS = frozenset({"lukket", "fortrolig", "fortroligt"})
# `49. Title`, `1.Title`, `1.     Title`, `1) Title`, ` 1  Title` (no dot: two spaces or a TAB).
ITEM_NUMBER_MARKER = re.compile(r"^(\d{1,5})(?:[.)]\s{0,8}|\s{2,8}|\t{1,3}\s{0,3})(\S.*)$")
#: `Sag nr. 24` / `Punkt nr. 24` on the line after the title: the item's number.
ITEM_NUMBER_AFTER = re.compile(r"^(?:sag|punkt|pkt\.?)\s{0,2}nr\.?\s{0,3}(\d{1,4})\.?$", re.IGNORECASE)

#: Closed items: `Lukket: …`, `… - Lukket`, `… (Lukket punkt)`, `… (Fortroligt)`.
CLOSED_TITLE = re.compile(
    r"^\s*+lukket(?:\s++(?:punkt|sag))?\s*+(?::|$)|[-–(]\s*+(?:lukket(?:\s++punkt)?|fortroligt?)\s*+\)?\s*+$",
    re.IGNORECASE,
)
#: `Åbent punkt` / `Lukket punkt` / `Åben sag` on a line of its own: a layout label
#: (above the title, or directly under it). Group 1 or 2 is the status word.
OPEN_CLOSED_LABEL = re.compile(r"^(?:(åbent|åben|lukket)\s{0,3}(?:punkt|sag|møde)?|(offentlig|fortrolig))$", re.IGNORECASE)
#: The status at the end of a case-number line: `Sagsnr.: 24/07713   Dok.nr.: …   Lukket`.
CASE_LINE_CLOSED = re.compile(r"(?<=\s)(?:lukket(?:\s{1,3}(?:punkt|sag))?|fortroligt?)\s*$", re.IGNORECASE)

#: Items that usually carry no case number, recommendation or decision.
ROUTINE_TITLES = re.compile(
    r"^(?:eventuelt|meddelelser|gensidig orientering|evaluering af (?:dagens )?møde|underskrift|spørgetid"
    r"|orientering fra (?:formand"
    r"|forvaltning|direktør|udvalgsformand)|godkendelse af dagsorden|dagsorden)",
    re.IGNORECASE,
)

# ---- case numbers ---------------------------------------------------------------------

CASE_LABEL = (
    r"(?:sags?\s?n(?:r|ummer)\.?|sag\s?nr\.?|sagsid\.?|sags?\s?id\.?|j\.?\s?nr\.?|journal\s?n(?:r|ummer)\.?"
    r"|sag(?=\s{0,3}:)"
    r"|acadre(?:\s?sagsnr\.?)?|sbsys(?:\s?sagsnr\.?)?|esdh(?:\s?nr\.?)?)"
)
#: A line that is a case number (`22/24308`, `Sagsnr.: 15.00.15-P16-1-21`).
CASE_NUMBER_LINE = re.compile(
    rf"^(?:{CASE_LABEL}\s{{0,3}}:?\s{{0,3}})?"
    r"([A-ZÆØÅ]{0,4}\d[0-9A-ZÆØÅ]{0,9}(?:[./-][0-9A-ZÆØÅ]{1,10}){1,6})$",
    re.IGNORECASE,
)
#: A labelled case number at the start of a line with other fields:
#: `Sagsnr.: 330-2018-3619   Dok.nr.: …   Åbent`, `Sagsid.: 15/240, Sagsinitialer: abc`,
#: `Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt`.
CASE_NUMBER_LABELLED = re.compile(
    rf"^{CASE_LABEL}\s{{0,3}}:?\s{{0,3}}([A-ZÆØÅ]{{0,4}}\d[0-9A-ZÆØÅ]{{0,9}}(?:[./-][0-9A-ZÆØÅ]{{1,10}}){{0,6}})(?=[\s,;]|$)",
    re.IGNORECASE,
)
DATE_ONLY = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")

# ---- sections -------------------------------------------------------------------------

SECTION_NAMES: dict[str, SectionKind] = {
    **dict.fromkeys(
        ["sagsresumé", "sagsresume", "resumé", "resume", "kort resumé", "kort resume", "sammenfatning",
         "beslutningstema", "kort sagsresume", "sagens resumé", "hvad sagen drejer sig om"],
        K.SUMMARY,
    ),
    **dict.fromkeys(
        ["indstilling", "indstillinger", "forslag til beslutning", "indstilling til beslutning",
         "administrativ indstilling", "direktionens indstilling", "forvaltningens indstilling",
         "administrationens indstilling", "indstilling og beslutning"],
        K.RECOMMENDATION,
    ),
    **dict.fromkeys(
        ["sagsfremstilling", "beskrivelse af sagen", "baggrund", "problemstilling", "løsning", "sagens kerne",
         "sagens indhold", "sagsbeskrivelse", "beskrivelse", "sagens baggrund", "sagens fakta", "redegørelse",
         "sagens omstændigheder", "uddybende sagsfremstilling"],
        K.PRESENTATION,
    ),
    **dict.fromkeys(
        ["procedure", "sagens gang", "sagsgang og sagstype", "beslutningskompetence", "sagsgang", "kompetence",
         "hvem beslutter", "sagen afgøres af", "sagsforløb", "kompetencefordeling", "beslutningsproces"],
        K.PROCEDURE,
    ),
    **dict.fromkeys(
        ["bevillingsmæssige konsekvenser", "økonomi", "økonomiske konsekvenser",
         "økonomiske og andre væsentlige konsekvenser", "økonomi og finansiering", "økonomiske forhold",
         "økonomi og bevilling", "bevilling", "finansiering", "økonomiske og personalemæssige konsekvenser"],
        K.FINANCE,
    ),
    **dict.fromkeys(
        ["sundhedsmæssige konsekvenser", "lovgrundlag", "risikovurdering", "retsgrundlag", "høring",
         "kommunikation", "personalemæssige konsekvenser", "miljømæssige konsekvenser", "klimakonsekvenser",
         "kobling til fn's verdensmål", "tidsplan", "videre proces", "retsregler og andre forskrifter",
         "alternativ indstilling", "lovgivning", "juridiske forhold", "borgerinddragelse", "politikker og strategier",
         "administrative konsekvenser", "erhvervsmæssige konsekvenser", "miljøvurdering", "handicappolitik",
         "vurdering", "forvaltningens vurdering", "administrationens vurdering", "supplerende sagsfremstilling"],
        K.OTHER,
    ),
    **dict.fromkeys(
        ["tidligere politisk behandlet", "tidligere beslutninger", "politisk behandling", "tidligere behandling",
         "sagshistorik", "tidligere politisk behandling", "historik"],
        K.HISTORY,
    ),
    **dict.fromkeys(["beslutning", "beslutninger", "afgørelse", "udvalgets beslutning", "referat", "protokol",
                     "protokoltilførsel", "beslutning i udvalget"], K.DECISION),
    **dict.fromkeys(["bilag", "bilagsliste", "bilag til punktet"], K.ATTACHMENTS),
}

#: The combined section that holds the recommendation and then, after a committee-and-date
#: line, the decision.
COMBINED_SECTION = "indstilling og beslutning"

# A body's name ends in its kind: `Arbejdsmarkeds- og Integrationsudvalget`, `Byrådet`.
BODY = r"(?:[\w&.-]{1,40}\s{1,3}){0,7}[\w-]{0,40}(?:udvalg|råd|bestyrelse|nævn|komité|komite|forsamling|direktion)(?:et|en|s|ets|ens)?"
_DATE = r"(?:\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\.?\s{1,3}[a-zæøå]{3,9}\.?\s{1,3}\d{4}|\d{4}-\d{2}-\d{2})"

#: Headings that name a kind and go on with a committee, a date or a topic (matched on
#: the case-folded heading).
SECTION_PATTERNS: tuple[tuple[re.Pattern[str], SectionKind], ...] = (
    # `Beslutning Arbejdsmarkedsudvalget den 07-11-2023`, `Beslutning i Økonomiudvalget den …:`
    (re.compile(r"^beslutning(?:er)?(?:\s+(?:i|fra|truffet i|på)\b|\s+\S+.*\bden\b|\s+den\b|\s*[:(]).*$"), K.DECISION),
    # `Økonomiudvalgets beslutning den 29. marts 2021`, `Byrådets beslutning`
    (re.compile(r"^\S+(?:\s+\S+){0,6}s beslutning(?:\s+(?:den|d\.)\b.*)?:?$"), K.DECISION),
    # `Fagcenter Arbejdsmarked og Borgerservice indstiller, at:`
    (re.compile(r"^\S.{0,150}\bindstiller(?:\s+til\s+\S.{0,100})?,?\s+at:?$"), K.RECOMMENDATION),
    (re.compile(r"^kobling til fn"), K.OTHER),
    (re.compile(r"^tidligere politisk behandl"), K.HISTORY),
    # `Beslutningskompetence: KB`, `Sagsforløb: BY` (a one-line body after the colon)
    (re.compile(r"^(?:beslutningskompetence|kompetence|sagsforløb)\s{0,3}:"), K.PROCEDURE),
)
#: `Forvaltningen indstiller`, `Teknik- og Miljøforvaltningen indstiller, at` alone on a line
#: (matched on the case-folded line without its trailing colon): a recommendation heading
#: whose `at …` points follow. Only an administration recommends so; the lexer takes a plain
#: line so only where it stands alone, not inside a paragraph.
ADMINISTRATION_RECOMMENDS = re.compile(
    r"^(?:[\w-]{1,40}\s{1,3}){0,5}[\w-]{0,40}(?:forvaltningen|direktionen|administrationen|sekretariatet)"
    r"\s{1,3}indstiller(?:\s{0,3},?\s{1,3}at)?$"
)

#: A decision heading that only names the committee and the date:
#: `Kultur- og Idrætsudvalget, 03-04-2019, pkt. 42`, `Børne- og Skoleudvalget den 6. november 2018:`,
#: `Beslutning i Økonomiudvalget den 1. oktober 2018:`.
COMMITTEE_DATE_HEADING = re.compile(
    rf"^(?!.{{0,200}}\b(?:referat|beslutningsprotokol|dagsorden|protokol|mødereferat)\b)(?:beslutning\s{{1,3}}(?:i\s{{1,3}})?)?{BODY}\s{{0,3}}(?:,|\s(?:den|d\.))\s{{0,3}}"
    rf"(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s{{0,3}}(?:den\s{{1,3}}|d\.\s{{0,3}})?)?{_DATE}"
    r"(?:\s{0,3},?\s{0,3}(?:pkt\.?|punkt)\s{0,3}\d{1,4})?\s{0,3}:?$",
    re.IGNORECASE,
)

# ---- web artefacts ---------------------------------------------------------------------

#: Navigation and layout lines of web pages, skipped wherever they stand.
ARTEFACTS = frozenset({
    "til toppen", "til indholdsfortegnelse", "fold alle ud", "fold alle sammen", "fold ud", "fold sammen",
    "udskriv", "udskriv hele dagsordenen", "udskriv punkt", "hent som fil:", "hent som fil", "hent som pdf",
    "tilbage", "tilbage til toppen", "del", "print", "vis bilag", "skjul bilag", "læs mere", "gå til toppen",
    "↑", "top", "vis alle", "luk alle", "åbn alle",
})
#: Characters a web export uses for bullets and spacing and that carry no text.
BLANKISH = " \t\u00a0\u2007\u202f\u200b·̵•"

# ---- attendance ---------------------------------------------------------------------------

ATTENDANCE_START = re.compile(
    r"^(?:[-*•]\s*)?(?:\*\*|_)?(?:ikke\s+til\s?stede|fraværende|afbud|forfald|deltog\s+ikke|ikke\s+mødt)\b",
    re.IGNORECASE,
)
ATTENDANCE_ANYWHERE = re.compile(
    r"\b(?:deltog ikke i (?:behandlingen|sagens behandling|mødet|punktet|beslutningen)|forlod mødet"
    r"|mødte (?:under|efter|først|i stedet|kl|som stedfortræder)|i stedet mødte|erklærede sig inhabil|var inhabil"
    r"|blev erklæret inhabil|inhabil i (?:sagen|punktet)|deltog i mødet i stedet for)\b",
    re.IGNORECASE,
)
# Every note ATTENDANCE_ANYWHERE finds holds one of these four words, and a paragraph
# is searched for them four times faster: a search with IGNORECASE tries every
# alternative at every position, while a leading character class lets the engine skip
# to the next candidate letter. The class holds each letter IGNORECASE equates with
# d, f, m and i (İ and dotless ı too), so no note is missed.
ATTENDANCE_WORDS = re.compile(r"[DdFfMmIiİı](?i:eltog|orlod|ødte|nhabil)")

# ---- whole lines ----------------------------------------------------------------------

#: Words that show a line holds a whole PDF page (flattened onto one line).
PAGE_WORDS = re.compile(
    r"\b(?:side \d{1,4}(?: af \d{1,4})?|indholdsfortegnelse|beslutning|indstilling|sagsfremstilling)\b", re.IGNORECASE
)
#: A running head or footer of a PDF page: ends in the page count (`… Side 2 af 9`, `Side 2/9`).
PAGE_FURNITURE = re.compile(r"(?:^|\s)side\s{1,3}\d{1,4}\s{0,3}(?:af|/)\s{0,3}\d{1,4}\s*$", re.IGNORECASE)
#: A bare title line that carries its date (`Referat … 2024`).
PLAIN_TITLE = re.compile(r"^(?:referat|beslutningsprotokol)\b.{0,200}\d{4}", re.IGNORECASE)
#: A body's name and a date after it (`Økonomiudvalget den 3. marts 2024`, `Byrådet - onsdag 4.3.2024`).
BODY_WITH_DATE = re.compile(
    rf"^{BODY}\s{{0,3}}[-–,:]?\s{{0,3}}(?:(?:d\.|den)\s{{1,3}})?(?:\w+dag\s{{0,3}},?\s{{0,3}})?\d", re.IGNORECASE
)
#: A title word and what leads from it to the committee: `REFERAT`, `Referat til mødet i`,
#: `Beslutningsprotokol for`, `– Referat –` between committee and date.
TITLE_WORD_LEAD = re.compile(
    r"(?:^|(?<=\s))(?:" + "|".join(TITLE_WORDS) + r")\b\s{0,3}"
    r"(?:(?:til|fra|for)\s{1,3}(?:(?:det\s{1,3})?mødet?\s{1,3}(?:i\s{1,3})?)?)?",
    re.IGNORECASE,
)
#: Title words that name the meeting, not the body holding it: `af ordinært møde`, `fra
#: mødet`, `ekstraordinært møde i`, `byrådsmødet` (`Økonomiudvalget` / `Referat af ordinært møde
#: mandag den …` is Økonomiudvalget's meeting). A `Fællesmøde mellem …` names the bodies meeting.
MEETING_PHRASE = re.compile(
    r"(?:\b(?:af|fra|for|til|om)\s{1,3})?(?:\b(?:det|et)\s{1,3})?"
    r"(?:\b(?:ordinær[te]?|ekstraordinær[te]?|konstituerende|åben[te]?|lukket)\s{1,3})?\b(?!fælles)[\w-]{0,30}?møde(?:t)?\b(?:\s{1,3}i\b)?",
    re.IGNORECASE,
)
#: A line that only names the municipality (`Kragsø Kommune`, `Bornholms Regionskommune`):
#: it may stand between a title and its date line.
MUNICIPALITY_LINE = re.compile(r"^(?:[\w.-]{1,30}\s{1,3}){0,3}[\w-]{0,30}kommune$", re.IGNORECASE)
#: A line that is a body's name, with its municipality after it or not (`Kultur- og
#: Fritidsudvalget, Hedeby Kommune`): under a bare title (`Referat`), the title's committee.
BODY_LINE = re.compile(
    rf"^{BODY}(?:\s{{0,3}}[,–-]\s{{1,3}}(?:[\w.-]{{1,30}}\s{{1,3}}){{0,3}}[\w-]{{0,30}}kommune)?$", re.IGNORECASE
)
#: What stands between a committee and its date: ` d. `, `, den `, ` – onsdag den `.
DATE_LEAD_WORDS = frozenset({"den", "d.", "d", *WEEKDAYS})

#: Word's own style names, Danish and English.
WORD_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s?([1-9])$")
WORD_TITLE_STYLES = frozenset({"title", "titel"})
WORD_TOC_STYLE = re.compile(r"^(?:toc|indholdsfortegnelse|contents|indhold)\s?\d$")
WORD_BULLET_STYLE = re.compile(r"^(?:list bullet|opstilling med punkttegn)(?:\s?\d)?$")
WORD_NUMBER_STYLE = re.compile(r"^(?:list number|opstilling med tal)(?:\s?\d)?$")


# ---- extension -----------------------------------------------------------------------------


class Vocabulary:
    """The reading vocabulary of one run: the built-in words plus what configuration and
    plugins add. Immutable; ``extended`` returns a new one."""

    def __init__(
        self,
        head_labels: Mapping[str, str] | None = None,
        toc_headings: Iterable[str] = (),
        artefacts: Iterable[str] = (),
    ) -> None:
        self.head_labels: dict[str, str] = {**HEAD_LABELS, **{_fold(k): v for k, v in (head_labels or {}).items()}}
        self.toc_headings = TOC_HEADINGS | {_fold(t) for t in toc_headings}
        self.artefacts = ARTEFACTS | {_fold(a) for a in artefacts}

    def extended(self, extra: Mapping) -> "Vocabulary":
        """A vocabulary with ``extra``'s ``head-labels`` (label → role), ``toc-headings`` and
        ``artefacts`` added."""
        if not extra:
            return self
        labels = dict(extra.get("head-labels", extra.get("head_labels", {})) or {})
        return Vocabulary(
            head_labels={**self.head_labels, **labels},
            toc_headings=set(self.toc_headings) | set(extra.get("toc-headings", extra.get("toc_headings", ())) or ()),
            artefacts=set(self.artefacts) | set(extra.get("artefacts", ()) or ()),
        )

    def head_role(self, label: str) -> str | None:
        """The role of a head label (`Mødested` → ``place``), or None for an unknown one."""
        return self.head_labels.get(_fold(label).rstrip(":").strip())

    def is_toc_heading(self, text: str) -> bool:
        key = _fold(text).rstrip(":").strip()
        return key in self.toc_headings or bool(TOC_HEADING_RANGE.match(key))

    def is_artefact(self, text: str) -> bool:
        key = text.strip(BLANKISH)
        return not key or _fold(key) in self.artefacts


ROLES = frozenset(HEAD_LABELS.values())


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


DEFAULT = Vocabulary()
