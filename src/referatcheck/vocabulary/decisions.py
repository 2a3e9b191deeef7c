"""Recommendations, decisions and committee names: the words that say what is asked and decided.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


# _A body's name ends in its kind: `Arbejdsmarkeds- og Integrationsudvalget`, `Byrådet`, `Teknisk Udvalg`.
BODY_NAME = re.compile(
    r"(?:[\w-]{1,40}\s{1,3}){0,6}[\w-]{0,40}(?:udvalg|råd|bestyrelse|nævn|komité|komite|forsamling)(?:et|en|s|ets|ens)?",
    re.IGNORECASE,
)

GENERIC_BODIES = {"udvalg", "udvalget", "udvalgets", "mødet", "møde"}

LEADING_PREPOSITION = re.compile(r"^\s*(?:for|fra|i|til)\s+")  # `Beslutningsprotokol for Økonomiudvalget`

JOINT_MEETING = re.compile(r"fælles|mellem")

HEADER_PREFIX = re.compile(
    r"^(?:beslutning(?:er)?|afgørelse)\b[\s:]*(?:(?:truffet\s+i|i|fra|af|for)\s+)?", re.IGNORECASE
)

POSSESSIVE = re.compile(r"^(.{2,150}?)s\s+beslutning(?:er)?\b", re.IGNORECASE)

# The lead-in of a date at the end of a header (` den`, `, d.`), matched on the reversed
# text from its start: the forward `[\s,:(–-]*(?:\b(?:den|d)\.?)?[\s,:(–-]*$` is cubic
# under sub() on a long run of spaces (two adjacent starred classes, tried at every start).
DATE_LEAD_REVERSED = re.compile(r"[\s,:(–-]*(?:\.?(?:ned|d)(?!\w))?[\s,:(–-]*", re.IGNORECASE)

ORIENTATION = re.compile(
    r"\btil\s+efterretning\b|\btil\s+(?:[\wæøå]+\s+){0,2}orientering\b|\bforelægges\s+(?:[\wæøå]+\s+){0,3}orientering",
    re.IGNORECASE,
)

APPROVAL = re.compile(
    r"\bgodkend(?:e|es|er|else)\b|\bvedtag(?:e|es|er)\b|\btiltræd(?:e|es|er)\b|\bbevilg(?:e|es|er)\b"
    r"|\bbeslut(?:te|tes|ter)\b|\btil\s+beslutning\b|\bmeddeles\b.{0,80}?(?:bevilling|omplacering)"
    r"|\bgives\b.{0,40}?bevilling",
    re.IGNORECASE,
)

DISCUSSION = re.compile(r"\bdrøft(?:e|es|er|else|elsen)\b", re.IGNORECASE)

_BODY_WORD = r"[\wæøåÆØÅ-]{0,60}?(?:udvalg(?:et)?|råd(?:et)?|bestyrelse(?:n)?)"

# `at Byrådet godkender`, `at Økonomiudvalget og Byrådet vedtager`
BODY_ACTS = re.compile(
    rf"\bat\s+(?P<body>(?:{_BODY_WORD}\s+og\s+)?{_BODY_WORD})\s+(?:over\s*for\s+\S+\s+)?"
    r"(?:godkender|vedtager|beslutter|bevilger|tiltræder|tager|meddeler|anbefaler|giver|afsætter|frigiver"
    r"|fastsætter|træffer|udpeger|indstiller)\b",
    re.IGNORECASE,
)

# `indstiller til Økonomiudvalg og Byråd, at …`, `anbefaler over for Byrådet, at …`
TOWARDS = re.compile(
    r"(?:\b(?:indstiller|indstilles|anbefaler|anbefales|oversendes|videresendes|fremsendes)\s+(?:sagen\s+)?"
    r"(?:til\s+|over\s*for\s+)?|\bover\s*for\s+)(?P<body>[^,.;:()]{1,160})",
    re.IGNORECASE,
)

# `A og B`, `A, B` (not `Social- og Sundhedsudvalget`). _A match starts only at the
# first usable blank of a run (not inside it), so a long run of spaces costs one pass
# instead of one pass per blank: same splits as `(?<!-)\s+og\s+|,\s*`, linear time.
BODY_SPLIT = re.compile(r"(?<![-\s])\s++og\s+|(?<=-\s)\s++og\s+|,\s*")

CLAUSE_END = re.compile(r"\s(?:at|om|med|i|vedr|vedrørende|efter)\b", re.IGNORECASE)

HIGHER_BODIES = ("byråd", "kommunalbestyrels", "økonomiudvalg", "regionsråd")

AT_POINT = re.compile(r"^at\b", re.IGNORECASE)

INLINE_POINT = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+at\b", re.IGNORECASE)

LEAD_VERB = re.compile(r"\b(?:indstill|anbefal|foreslå|foresla)\w{0,12}", re.IGNORECASE)

AT_WORD = re.compile(r"\bat\b", re.IGNORECASE)

# What may stand between the lead verb and its first `at` (commas stripped): `til
# Økonomiudvalg og Byråd`, `over for Byrådet`; anything else is a clause of its own.
LEAD_GAP = re.compile(r"(?:(?:til|over\s?for|overfor|for)\s[\w\s–-]{0,160})?", re.IGNORECASE)

JOIN_WORDS = ("og", "samt", "eller")

# `…, og fagudvalgene anmodes …`: a clause joined without `at` may be a point of its own.
OTHER_CLAUSE = re.compile(r",\s*+(?:og|samt|men)\s++(?!at\b)|;", re.IGNORECASE)

BULLET_AT_LINE = re.compile(r"^\s*[-–—•·*▪]\s*at\b", re.IGNORECASE)

# Fragments of the verdict formulas: an optional subject (`Sagen`, `Indstillingen`) and
# auxiliary (`blev`, `er`).
_S = (
    r"(?:(?:udvalget|sagen|punktet|orienteringen|redegørelsen|meddelelsen|meddelelserne|forslaget|forslagene"
    r"|indstillingen|status(?:en)?|dagsordenen|beretningen|rapporten|planen|budgetopfølgningen|regnskabet"
    r"|ansøgningen|aftalen|oplægget|udkastet|orienteringerne)\s+)?"
)

_A = r"(?:(?:blev|er|bliver|var)\s+)?"

# After the formula: nothing, or a qualification (`Godkendt med bemærkning om, at …`).
_END = (
    r"(?:$|\s*[,;:–-]|\s+(?:med|idet|dog|af|under|således|og|samt|men|jf|i|på|for|som|efter|ved|uden|herunder"
    r"|inkl|hvorefter|mod|til|den|d|om|vedrørende|vedr)\b)"
)

# `Punkt 2 og 3 godkendt`, `Indstillingens punkt 1 taget til efterretning`, `Ad 1: Godkendt`
POINT_REF = re.compile(
    r"^(?:(?:ad|vedr\.?|vedrørende|hvad\s+angår|for\s+så\s+vidt\s+angår)\s+)?(?:indstillingens\s+)?"
    r"(?:(?:at-)?punkt(?:erne)?|pkt\.?|at-punkt(?:erne)?|(?<=ad\s))\s*"
    r"(?P<nums>\d{1,2}(?:\s*(?:,|og|-|–|til|samt)\s*\d{1,2}){0,9})\s*[:.)]?\s*"
    r"(?:i\s+indstillingen\s+)?(?P<rest>.*)$",
    re.IGNORECASE,
)

NUMBER_RANGE = re.compile(r"(\d{1,2})\s*(?:-|–|til)\s*(\d{1,2})")

# `,`, `og`, `samt` with the blanks around them; a match starts only at the first blank
# of a run (possessively), so a long run of spaces is passed once, not once per blank.
POINT_SEPARATOR = re.compile(r"(?:(?<!\s)\s++|)(?:,|\bog\b|\bsamt\b)\s*")

# `Punkt 1 og 2 godkendt, punkt 3 udsat`: one clause per point reference.
NEXT_REFERENCE = re.compile(
    # Same splits as `\s*(?:[,;]\s*(?:og\s+)?|\s+og\s+)(?=...)`, without its quadratic
    # backtracking over a long run of spaces: blanks taken possessively, from a run's start.
    r"(?:(?<!\s)\s++|)(?:[,;]\s*+(?:og\s++)?|(?<=\s)og\s++)(?=(?:punkt(?:erne)?|pkt\.?|ad)\s*\d)", re.IGNORECASE
)

# `Beslutning: Godkendt.` written as a paragraph inside another section.
INLINE_DECISION = re.compile(r"^(?:beslutning|afgørelse)\b[^:]{0,120}:\s*\S", re.IGNORECASE)

HEADING_BODY = re.compile(r"^(?:beslutning(?:er)?|afgørelse)\b[^:]{0,120}:\s*(\S.*)$", re.IGNORECASE)

AGENDA_TITLE = re.compile(r"\bdagsorden\b", re.IGNORECASE)

MINUTES_TITLE = re.compile(r"\b(?:referat|beslutningsprotokol|protokol)\b", re.IGNORECASE)

# The formulas of each verdict, by the name of the verdict (referatcheck.decisions.Verdict);
# a whole sentence must match one of them. Each ends in _END.
VERDICT_FORMULAS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (verdict, re.compile(pattern + _END))
    for verdict, pattern in (
        ("rejected", rf"^(?:{_S}{_A}(?:ikke\s+(?:godkendt|vedtaget|tiltrådt|anbefalet|taget\s+til\s+efterretning)"
                           rf"|afvist|forkastet|nedstemt)|{_S}afvises|indstillingen\s+(?:blev\s+)?faldt"
                           rf"|{_S}kunne\s+ikke\s+(?:godkendes|anbefales|tiltrædes)"
                           r"|udvalget\s+(?:kunne\s+ikke\s+godkende|afviste|godkendte\s+ikke|tiltrådte\s+ikke))"),
        ("onward", rf"^(?:{_S}anbefaler\s+(?:indstillingen|forslaget|sagen|over\s*for|byrådet|kommunalbestyrelsen"
                         rf"|økonomiudvalget)|{_S}{_A}(?:anbefales|anbefalet|indstilles\s+godkendt|oversendes\s+til"
                         rf"|oversendt\s+til|videresendes\s+til)|{_S}indstilles\s+til|udvalget\s+indstiller\s+til)"),
        ("adopted", r"^(?:indstillingen\s+(?:blev\s+|er\s+)?(?:godkendt|vedtaget|tiltrådt|fulgt|tiltrådes|godkendes"
                          r"|følges)|(?:udvalget\s+)?(?:tiltræder|tiltrådte|godkender|godkendte|følger|fulgte)\s+"
                          r"indstillingen|(?:godkendt\s+)?som\s+indstillet|tiltrådt)"),
        ("noted", rf"^(?:{_S}{_A}(?:taget|tages)\s+til\s+(?:efterretning|orientering)|til\s+efterretning"
                        rf"|udvalget\s+tog\s+(?:\S+\s+){{0,6}}?til\s+efterretning|{_S}{_A}orienteret"
                        rf"|orienteringen\s+(?:blev\s+)?modtaget|{_S}{_A}noteret)"),
        ("approved", rf"^(?:{_S}{_A}(?:godkendt|vedtaget|bevilget)|{_S}godkendes|udvalget\s+godkend(?:te|er))"),
        ("discussed", rf"^(?:{_S}{_A}drøftet|{_S}drøftes|udvalget\s+drøftede)"),
        ("postponed", rf"^(?:{_S}{_A}(?:udsat|udskudt|trukket|taget\s+af\s+dagsordenen)|{_S}udsættes"
                            r"|punktet\s+(?:udgik|udgår)|udgår|udgik)"),
        ("nothing", r"^(?:intet|ingen|intet\s+at\s+bemærke|ingen\s+bemærkninger|ingen\s+meddelelser"
                          r"|intet\s+til\s+referat)"),
    )
)

# Wording that covers the points a decision does not name one by one.
COVERS_REST = re.compile(r"\b(?:øvrig(?:e|t)?|resten|resterende|de\s+andre|alle\s+punkter)\b", re.IGNORECASE)
AGENDA_WORD = re.compile(r"\bdagsorden", re.IGNORECASE)
