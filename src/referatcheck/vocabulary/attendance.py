"""Attendance, absences and votes: the phrases of who was there, who left and how they voted.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


# The national list letters, and `UP` (uden for partierne).
PARTY_LETTERS = frozenset("A B C D F I K M O V Æ Ø Å UP".split())

# Party abbreviations written instead of the letter; each names one party unambiguously.
PARTY_ABBREVIATIONS = {
    "SF": "F", "DF": "O", "EL": "Ø", "RV": "B", "LA": "I", "KF": "C", "KD": "K", "ALT": "Å", "NB": "D",
    "DD": "Æ", "UFP": "UP",
}

PARTY_WORDS = {"uden for partierne": "UP", "løsgænger": "UP", "løsgængere": "UP"}

UP = "A-ZÆØÅÄÖÜÉ"

LOW = "a-zæøåäöüéèáíóúñçš"

PARTICLE = r"(?:von|van|de|la|le|du|da|di|der|den)"

PARTY = rf"[{UP}]{{1,3}}|[Uu]den for partierne|[Ll]øsgængere?"  # names are case-sensitive; these words either way

# Titles and sentence words that may stand before a name; they are not part of it.
NOT_NAME_WORDS = {
    "formand", "formanden", "næstformand", "næstformanden", "borgmester", "borgmesteren", "rådmand", "rådmanden",
    "udvalgsformand", "medlem", "medlemmer", "byrådsmedlem", "udvalgsmedlem", "desuden", "endvidere", "herudover",
    "derudover", "endelig", "samtidig", "ligeledes", "dog", "også", "mens", "hertil", "heraf", "kun", "alle",
    "stedfortræder", "suppleant", "direktør", "referent", "sekretær", "chef", "fagchef", "afdelingsleder",
}

ROLE_SUFFIX = re.compile(r"(?:,|\()\s{0,3}(?:formand|næstformand|borgmester|rådmand|referent|sekretær)\b\)?\s{0,3}$", re.I)

LABEL = re.compile(
    r"^(?P<label>ikke\s{1,3}til\s?stede|fraværende(?:\s{1,3}med\s{1,3}afbud)?|fraværende/afbud|afbud|forfald"
    r"|ikke\s{1,3}mødt|deltog\s{1,3}ikke(?:\s{1,3}i\s{1,3}(?:behandlingen|mødet|punktet|sagens\s{1,3}behandling))?"
    r"|stedfortrædere?|mødt\s{1,3}som\s{1,3}stedfortræder)"
    r"(?P<tail>(?:\s{1,3}(?:under|i|ved|fra|efter|til\s{1,3}og\s{1,3}med)\s{1,3}(?:punkt|pkt\.?|sag)\s{0,3}[\d ,\-–og]{1,40})?)"
    r"\s{0,3}(?::|\bfra\b|\s)\s{0,3}(?P<rest>.*)$",
    re.IGNORECASE,
)

SPELLED_TOGETHER = re.compile(r"\bikke\s{1,3}tilstede\b", re.IGNORECASE)

SUBSTITUTE_SPLIT = re.compile(
    r"\b(?:i\s{1,3}stedet\s{1,3}(?:mødte|deltog)|(?:mødte|deltog)\s{1,3}i\s{1,3}stedet|stedfortræder(?:en)?"
    r"|erstattet\s{1,3}af|suppleant)\b\s{0,3}:?",
    re.IGNORECASE,
)

SUBSTITUTE_FOR = re.compile(
    r"^(?P<who>.{1,300}?)\s{1,3}(?:mødte|deltog)\s{1,3}(?:som\s{1,3}stedfortræder|i\s{1,3}stedet)\s{1,3}for\s{1,3}(?P<for>.{1,300})$",
    re.IGNORECASE,
)

# `Fraværende: Ole Krog (V) - Ida Friis (V) mødte som stedfortræder`: the substitute named before
# the phrase, after the absent member.
SUBSTITUTE_NAMED_BEFORE = re.compile(
    r"(?:^|[.;,]\s{0,3}|\s[-–]\s)(?P<who>[^.;,–-]{3,120}?)\s{1,3}(?:mødte|deltog)\s{1,3}som\s{1,3}"
    r"stedfortræder(?:e|en)?\s{0,3}\.?$",
    re.IGNORECASE,
)

STEDFORTRAEDER_FOR = re.compile(r"^(?P<who>.{1,300}?)\s{1,3}for\s{1,3}(?P<for>.{1,300})$", re.IGNORECASE)

# `<persons> <verb ...>`: the verb phrase decides the kind.
RETURN = re.compile(
    r"\b(?:vendte\s{1,3}tilbage|kom\s{1,3}tilbage|genindtrådte|deltog\s{1,3}igen|mødte\s{1,3}igen)\b", re.IGNORECASE)

# Words in a sentence that make it a statement about attendance, never an action.
ATTENDANCE_HINT = re.compile(
    r"fravær|ikke\s{1,3}til\s?stede|afbud|forfald|deltog\s{1,3}ikke|ikke\s{1,3}deltaget|forlod|inhabil|i\s{1,3}stedet"
    r"|stedfortræd|mødte|ikke\s{1,3}mødt|erstattet|vendte\s{1,3}tilbage|kom\s{1,3}tilbage|genindtrådte|deltog\s{1,3}igen"
    r"|deltog\s{1,3}(?:først\s{1,3})?fra",
    re.IGNORECASE,
)

DISSENT = re.compile(
    r"afvigende\s{1,3}mening|mindretals|kunne\s{1,3}ikke|kan\s{1,3}ikke|stemte\s{1,3}imod|stemmer\s{1,3}imod|forbehold"
    r"|tog\s{1,3}afstand|ikke\s{1,3}(?:tiltræde|støtte|anbefale|godkende)",
    re.IGNORECASE,
)

ITEM_REF = re.compile(
    r"\b(?:punkt(?:erne)?|pkt\.?|sag(?:erne)?|dagsordenspunkt(?:erne)?)\s{0,3}(?:nr\.?\s{0,3})?"
    r"(?P<first>\d{1,5})(?P<more>(?:\s{0,3}(?:-|–|,|og|til)\s{0,3}\d{1,5}){0,20})",
    re.IGNORECASE,
)

# The preposition before an item reference (`efter punkt 4`, `under behandlingen af punkt 4`).
PREPOSITION = re.compile(
    r"\b(?P<prep>efter|under|i|ved|fra\s{1,3}og\s{1,3}med|fra|til\s{1,3}og\s{1,3}med|indtil|før|af)\s{1,3}"
    r"(?:behandlingen\s{1,3}af\s{1,3})?\Z",
    re.IGNORECASE,
)

CLOCK = re.compile(r"\bkl\.?\s{0,3}\d{1,2}(?:[.:]\d{2})?\b", re.IGNORECASE)

# What a vote is on, between `For`/`Imod` and `stemte` (`For ændringsforslaget stemte`):
# an amendment is voted on before the recommendation, each its own ballot.
_MOTION = r"(?:\s{1,3}(?:ændrings|tillægs)?forslag(?:et)?|\s{1,3}indstillingen|\s{1,3}ændringen)?"
VOTE_MOTION = re.compile(r"\s(?:(?:ændrings|tillægs)?forslag(?:et)?|indstillingen|ændringen)(?=\s)")

VOTE = re.compile(
    rf"^(?P<label>for{_MOTION}\s{{1,3}}stemte|stemte\s{{1,3}}for|imod{_MOTION}\s{{1,3}}stemte|stemte\s{{1,3}}imod"
    r"|undlod\s{1,3}at\s{1,3}stemme"
    r"|hverken\s{1,3}for\s{1,3}eller\s{1,3}imod|undlod|blank[et]?|for|imod)"
    r"(?:\s{1,3}(?P<n>\d{1,3}))?\s{0,3}(?P<colon>:)?\s{0,3}(?P<body>.*)$",
    re.IGNORECASE,
)

# `For stemte 5 (A, C og F), imod stemte 2 (V)`: two vote lines in one sentence.
VOTE_SPLIT = re.compile(
    r"[,;]\s{0,3}(?=(?:for|imod)\s{1,3}stemte\b|undlod\s{1,3}at\s{1,3}stemme\b|hverken\s{1,3}for\b)", re.IGNORECASE)

VOTE_COUNT = re.compile(r"\(\s{0,3}(?:i\s{1,3}alt\s{1,3})?(\d{1,3})(?:\s{1,3}(?:stemmer?|medlemmer|mandater))?\s{0,3}\)\s*$")

# Verbs that show a member taking part in the decision (`Jens Berg (A) ønskede …`).
ACT_VERBS = frozenset("""
ønskede ønsker kunne kan stemte stemmer tog tager foreslog foreslår stillede stiller fremsatte fremsætter begærede
begærer anbefalede anbefaler tiltrådte tiltræder godkendte godkender bemærkede bemærker tilkendegav tilkendegiver
udtrykte udtrykker fremførte fremfører støttede støtter undlod undlader tilsluttede tilslutter afgav afgiver
markerede protesterede anmodede anmoder fandt finder mente mener deltog
""".split())

POSITION_WORDS = frozenset({"imod", "enig", "enige", "uenig", "uenige"})  # `var imod`, `er enig`

NOBODY = re.compile(r"^(?:ingen|-|–|intet|ingen afbud|alle (?:var )?(?:til stede|mødt)|0)\.?$", re.IGNORECASE)

# What a sentence with a person as subject says about attendance, by the name of the
# note kind (referatcheck.attendance.NoteKind); the first that matches decides.
SUBJECT_VERBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:erklærede\s{1,3}sig|blev\s{1,3}erklæret|var|er|anså\s{1,3}sig\s{1,3}(?:for|som))\s{1,3}inhabil", re.I),
     "disqualified"),
    (re.compile(r"\bdeltog\s{1,3}ikke\s{1,3}i\s{1,3}(?:behandlingen|sagens\s{1,3}behandling|punktet|beslutningen|afstemningen)", re.I),
     "not-taking-part"),
    (re.compile(r"\bforlod\s{1,3}mødet\s{1,3}under\s{1,3}(?:behandlingen|punktets\s{1,3}behandling|sagens\s{1,3}behandling)", re.I),
     "not-taking-part"),
    (RETURN, "returned"),
    (re.compile(r"\bforlod\s{1,3}mødet\b", re.I), "left"),
    (re.compile(r"\b(?:deltog\s{1,3}ikke(?:\s{1,3}i\s{1,3}mødet)?|(?:var|er)\s{1,3}(?:ikke\s{1,3}til\s?stede|fraværende)"
                r"|(?:havde\s{1,3}|har\s{1,3})?meldt\s{1,3}afbud|mødte\s{1,3}ikke|har\s{1,3}ikke\s{1,3}deltaget"
                r"|var\s{1,3}forhindret|havde\s{1,3}forfald)\b", re.I),
     "absent"),
    (re.compile(r"\b(?:mødte|deltog)\s{1,3}som\s{1,3}stedfortræder(?:e|en)?\b(?!\s{1,3}for\b)", re.I), "substitute"),
    (re.compile(r"\bmødte\b(?!\s{1,3}(?:ikke|som|i\s{1,3}stedet))"
                r"|\bdeltog\s{1,3}(?:først\s{1,3})?fra(?=\s{1,3}(?:og\s{1,3}med\s{1,3})?(?:punkt|pkt|sag|kl))", re.I),
     "arrived"),  # `mødte kl. 15.20`, `deltog fra punkt 2`
)

# Vote labels (`For stemte`, `Imod`, `Undlod at stemme`) by the name of the choice
# (referatcheck.attendance.Choice).
VOTE_CHOICES = {
    "for stemte": "for", "stemte for": "for", "for": "for",
    "imod stemte": "against", "stemte imod": "against", "imod": "against",
    "undlod at stemme": "abstain", "undlod": "abstain", "hverken for eller imod": "abstain",
    "blank": "abstain", "blanke": "abstain", "blankt": "abstain",
}

# The numbers after the first in `punkt 3-5`, `punkt 3 til 5`, `punkt 3, 4 og 6`.
ITEM_NUMBER_TAIL = re.compile(r"(-|–|til|,|og)\s{0,3}(\d{1,5})")
# What joins names in a list (` og `, ` samt `), and the brackets a join inside does not count in.
NAME_JOIN_OR_BRACKET = re.compile(r"\(|\)|\s(?:og|samt)\s")
