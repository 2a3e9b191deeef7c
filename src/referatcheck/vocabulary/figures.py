"""Figures in prose: the words that announce parts of a whole.

Part of the vocabulary (:mod:`referatcheck.vocabulary`): the Danish words and
phrases, with the patterns that find them. The reading code imports them from here.
"""

from __future__ import annotations

import re


HERAF = re.compile(r"\b(?:heraf|hvoraf)\s{1,3}", re.IGNORECASE)

FORDELT = re.compile(r"\b(?:fordelt\s{1,3}(?:på|med|som)|fordeler\s{1,3}sig\s{1,3}(?:på|med))\s{1,3}", re.IGNORECASE)

# Words every parts statement has: a cheap test before a sentence is split and its numbers read.
PARTS_KEYWORDS = re.compile(r"heraf|hvoraf|fordel|,\s{0,3}(?:i\s{1,3}alt|samlet)\s")

# `…, B og C, i alt N`: the total after the list it sums (the comma and `i alt` right
# before N's figure).
TOTAL_AFTER = re.compile(r",\s{0,3}(?:i\s{1,3}alt|samlet)\s{1,3}", re.IGNORECASE)

TOTAL_BEFORE = re.compile(r"\b(?:i\s{1,3}alt|samlet(?:\s{1,3}set)?)\s{1,3}\Z", re.IGNORECASE)

# Words that make a list approximate or not exhaustive: then the parts need not make the whole.
NOT_EXHAUSTIVE = re.compile(
    r"\b(?:bl\.\s?a\.|blandt\s{1,3}andet|blandt\s{1,3}andre|herunder|eksempelvis|fx|f\.\s?eks\.|mv\.|m\.v\.|m\.fl\."
    r"|mfl\.|mindst|mere\s{1,3}end|mindre\s{1,3}end|over|under|op\s{1,3}til|ca\.|cirka|knap|knapt|godt|næsten"
    r"|omkring|bl\.a)(?!\w)",
    re.IGNORECASE,
)

LIST_SEPARATOR = re.compile(r"(?:,|\bog|\bsamt)\s{0,3}\Z", re.IGNORECASE)

LAST_SEPARATOR = re.compile(r"\b(?:og|samt)\s{0,3}\Z", re.IGNORECASE)

# Categories that together make the whole.
COMPLEMENTS = tuple(frozenset(pair) for pair in (
    ("kvinder", "mænd"), ("piger", "drenge"), ("børn", "voksne"), ("drift", "anlæg"), ("fuldtid", "deltid"),
    ("heltid", "deltid"), ("offentlige", "private"), ("danske", "udenlandske"), ("kvindelige", "mandlige"),
))
