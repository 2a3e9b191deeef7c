"""Confidentiality: the words of closed items, notes and case text.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


# Short notices that say the item is closed, or point elsewhere, and disclose nothing
# (`Sagen behandles for lukkede døre.`, `Punktet er lukket for offentligheden.`, `Se bilag`,
# `Lukket punkt`, `Fortroligt bilag`). A sentence of case text that merely contains such a
# word (`Borgeren modtager offentlig forsørgelse.`) is no notice.
NOTICE = re.compile(
    r"lukkede?\s+døre|lukket\s+(?:for\s+offentligheden|punkt|møde|sag|bilag|dagsorden)|\(lukket\)"
    r"|offentliggøres\s+ikke|ikke\s+offentliggøres|undtaget\s+(?:fra\s+)?(?:offentlighed|aktindsigt)"
    r"|^(?:se|jf\.?)\s+(?:vedlagte\s+)?bilag|^der\s+henvises\s+til|^(?:lukket|åbent|fortrolig\w*|ikke\s+offentlig\w*)\b"
    r"|^(?:(?:dette|det)\s+)?(?:sagen|punktet|beslutningen|bilaget|bilagene|referatet|teksten|materialet"
    r"|sagsfremstillingen|indstillingen)\s+(?:er|blev|behandles|indeholder)\s+(?:\w+\s+){0,3}?"
    r"(?:fortrolig|ikke\s+offentlig|for\s+offentligheden)",
    re.IGNORECASE,
)

# The legal basis a closing notice cites (`…, jf. styrelseslovens § 10, stk. 2, og
# forvaltningslovens § 32.`): law names, sections and numbers only, so not counted as words.
LEGAL_CITATION = re.compile(
    r"(?:,|(?<!\s)(?=\s))\s*+(?:jf\.?|jævnfør)\s++(?:(?:[\wæøå-]*lov\w*|[\wæøå-]*bekendtgørelse\w*|§§?|stk\.|nr\.|pkt\.|\d+[a-z]?"
    r"|og|samt)[,.]?\s*+)++$",
    re.IGNORECASE,
)

NOTHING = re.compile(r"^(?:intet|ingen|-|–)\.?$", re.IGNORECASE)

# `Sagsnr.: 330-2018-3619   Dok.nr.: 330-2018-500301   Lukket`, `Sagsansvarlig: …`: metadata, no case text.
METADATA = re.compile(
    r"^(?:sags?\s?(?:nr|nummer|id)|dok(?:ument)?\.?\s?nr|sagsinitialer|sagsansvarlig|sagsbehandler|j\.?\s?nr"
    r"|journal\s?n(?:r|ummer)|åbent|lukket)\b",
    re.IGNORECASE,
)

# Web page artefacts (`Til toppen`, `Udskriv`, `Hent som fil: …`).
WEB_ARTEFACT = re.compile(
    r"^(?:til\s+toppen|til\s+indholdsfortegnelse|fold\s+(?:alle\s+)?(?:ud|sammen)|udskriv(?:\s+hele\s+dagsordenen)?"
    r"|hent\s+som\s+fil\b|åbent\s+punkt|lukket\s+punkt)",
    re.IGNORECASE,
)

# `Beslutning: Godkendt.` written as a paragraph: the decision, not case text.
DECISION_LABEL_LINE = re.compile(r"^(?:beslutning|afgørelse)\b[^:]{0,120}:", re.IGNORECASE)

# `Lukket: ` before a closed item's title; a repeated title may carry its number and marks besides.
CLOSED_MARK = re.compile(r"^\s*lukket\s*+:?", re.IGNORECASE)

# The signature page (`Lukket: Underskriftsside`) carries instructions and names, not case text.
SIGNATURE_ITEM = re.compile(r"underskrift", re.IGNORECASE)

SIGNATURE_LINE = re.compile(r"godkend|underskr|signer|signatur|knappen|elektronisk", re.IGNORECASE)

# What follows the last item in some exports: the meeting's end and the signatures.
CLOSING = re.compile(r"^(?:mødet\s{1,3}(?:hævet|sluttede|slut|afsluttet)|underskrift|side\s{1,3}\d|godkendt\s{1,3}af)",
                      re.IGNORECASE)

# Attendance, votes and dissent: the protocol's own notes (`Ikke til stede: …`, `For stemte: A og V`,
# `Jens Berg (A) ønskede sin afvigende mening tilført protokollen`).
NOTE_START = re.compile(
    r"^(?:for\s+stemte|imod\s+stemte|stemte\s+(?:for|imod)|undlod\s+at\s+stemme|ikke\s+til\s?stede|fraværende"
    r"|afbud|forfald|stedfortræder)\b",
    re.IGNORECASE,
)

NOTE_ACT = re.compile(
    r"afvigende\s+mening|tilført\s+protokollen|\binhabil\b|\bdeltog\s+ikke\b|\bforlod\s+mødet\b"
    r"|\bi\s+stedet\s+mødte\b|\bmødte\s+i\s+stedet\b|\bstemte\s+(?:for|imod)\b|\bundlod\s+at\s+stemme\b"
    # a group's dissent: `Et mindretal (V og O) kan ikke anbefale indstillingen.`
    r"|\bmindretal(?:let)?\b|\b(?:kan|kunne)\s+ikke\s+(?:anbefale|tiltræde|støtte|godkende)\b|\btage?r?\s+forbehold\b"
    r"|\btog\s+forbehold\b",
    re.IGNORECASE,
)

# `(A)`, `(V og O)`, `(A, F og Ø)`, `(Løsgænger)`.
PARTY_IN_BRACKETS = re.compile(
    r"\((?:[A-ZÆØÅ]{1,3}|UP|[Ll]øsgænger)(?:\s{0,3}(?:,|og|samt)\s{0,3}(?:[A-ZÆØÅ]{1,3}|UP|[Ll]øsgænger)){0,12}\)")

# Short decisions a closed item publishes besides the verdicts of `verdict_of`
# (`Sagen blev behandlet.`, `Udvalget traf beslutning i sagen.`, `Udvalget godkendte indstillingen.`).
SHORT_DECISION = re.compile(
    r"^(?:(?:sagen|punktet)\s+(?:blev|er)\s+behandlet|behandlet|(?:udvalget|[\wæøå-]{0,40}udvalget|byrådet"
    r"|kommunalbestyrelsen)\s+(?:traf|har\s+truffet|godkendte|tiltrådte|vedtog|besluttede|tog|drøftede|anbefalede"
    r"|afviste|blev\s+orienteret)|beslutning(?:en)?\s+(?:blev\s+|er\s+)?truffet|orientering(?:en)?\s+(?:blev\s+)?givet)\b",
    re.IGNORECASE,
)

CPR_DASHES = "\\-‐‑–"

CPR_LABELLED = re.compile(
    r"\b(?:cpr|personnummer|person\s?nr|pers\.\s?nr)\.?(?:\s{0,2}[-.]?\s{0,2}(?:nr|nummer)\.?)?\s{0,3}[:.]?\s{0,3}"
    rf"(\d{{2}})(\d{{2}})(\d{{2}})(?:\s|[{CPR_DASHES}])?(\d{{4}})(?!\d)",
    re.IGNORECASE,
)

# Labels of other numbers that may look like `DDMMYY-SSSS`.
CPR_OTHER_LABEL = re.compile(
    r"\b(?:tlf|telefon|mobil|fax|konto|kontonr|reg|ean|cvr|p-nr|sags?nr|sagsnummer|j\.?\s?nr|journal|dok|faktura"
    r"|ordre|løbe\s?nr|lb\.?\s?nr|matr|id)\.?\s{0,2}(?:nr\.?|nummer)?\s{0,3}[:.]?\s{0,3}$",
    re.IGNORECASE,
)

# What separates the names of a signature line: commas, TABs, wide spaces, `og`.
SIGNATURE_SEPARATOR = re.compile(r",|\t|\s{3,}|\bog\b")
