"""RC rules: what referatcheck says about itself (unreadable input, a failed plugin).

They are documented like every other rule, but the engine, not a plugin, emits them.
"""

from __future__ import annotations

from referatcheck.diagnostic import Severity
from referatcheck.rule import Rule, RuleDoc


class PluginFailed(Rule):
    """A plugin could not be loaded; its rules did not run."""

    code, name, family, severity = "RC001", "plugin-failed", "RC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Et plugin kunne ikke indlæses; dets regler blev ikke kørt.",
        summary_en="A plugin could not be loaded; its rules did not run.",
        why_da="Kontrollen er ufuldstændig, så et rent resultat betyder ikke, at referatet er i orden.",
        why_en="The lint is incomplete, so a clean result does not mean the minutes are right.",
        wrong="(et installeret plugin, der fejler ved import)",
        right="(alle plugins kan importeres)",
    )


class RuleCrashed(Rule):
    """A rule raised an exception on this file; the other rules still ran."""

    code, name, family, severity = "RC002", "rule-crashed", "RC", Severity.ERROR
    doc = RuleDoc(
        summary_da="En regel fejlede under kontrollen af filen; de øvrige regler blev kørt.",
        summary_en="A rule raised an exception on this file; the other rules still ran.",
        why_da="Det, reglen skulle finde, er ikke kontrolleret. Meld fejlen til reglens forfatter.",
        why_en="What the rule looks for was not checked. Report it to the rule's author.",
        wrong="(en regel, der rejser en undtagelse)",
        right="(reglen kører uden fejl)",
    )


class UnreadableFile(Rule):
    """The file is not text (binary data, NUL bytes) and was skipped."""

    code, name, family, severity = "RC003", "unreadable-file", "RC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Filen er ikke tekst (binære data) og blev sprunget over.",
        summary_en="The file is not text (binary data) and was skipped.",
        why_da="Et referat, der ikke kan læses, kan ikke kontrolleres.",
        why_en="Minutes that cannot be read cannot be checked.",
        wrong="(en PDF eller et billede omdøbt til .md)",
        right="(referatet eksporteret som tekst/Markdown i UTF-8)",
    )


class LegacyEncoding(Rule):
    """The file is not UTF-8; it was read as another encoding."""

    code, name, family, severity = "RC004", "legacy-encoding", "RC", Severity.WARNING
    doc = RuleDoc(
        summary_da="Filen er ikke UTF-8 og blev læst med en anden tegnkodning.",
        summary_en="The file is not UTF-8; it was read with another encoding.",
        why_da="Æ, ø og å kan blive forkerte ved offentliggørelse, når tegnkodningen ikke er UTF-8.",
        why_en="Æ, ø and å may come out wrong when published if the encoding is not UTF-8.",
        wrong="(en fil gemt som Windows-1252)",
        right="(den samme fil gemt som UTF-8)",
    )


SELF_RULES: tuple[type[Rule], ...] = (PluginFailed, RuleCrashed, UnreadableFile, LegacyEncoding)
