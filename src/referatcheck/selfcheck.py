"""RC rules: what referatcheck says about itself (unreadable input, a failed plugin,
a bad suppression comment).

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


class UnknownSuppressionCode(Rule):
    """A suppression comment names a code or prefix that no rule has."""

    code, name, family, severity = "RC005", "unknown-suppression-code", "RC", Severity.WARNING
    doc = RuleDoc(
        summary_da="En undertrykkelse i en kommentar nævner en kode eller et præfiks, som ingen regel har.",
        summary_en="A suppression comment names a code or prefix that no rule has.",
        why_da="En stavefejl i koden betyder, at fundet, man ville skjule, stadig vises — eller at kommentaren er "
               "forældet, fordi reglen er omdøbt eller pluginet ikke er installeret.",
        why_en="A misspelt code means the finding one meant to hide is still shown, or the comment is stale because "
               "the rule was renamed or its plugin is not installed.",
        wrong="<!-- referatcheck: disable-next-line=TAB0001 -->",
        right="<!-- referatcheck: disable-next-line=TAB001 -->",
    )


class UnusedSuppression(Rule):
    """A suppression comment suppressed nothing."""

    code, name, family, severity = "RC006", "unused-suppression", "RC", Severity.WARNING
    doc = RuleDoc(
        summary_da="En undertrykkelse i en kommentar skjulte intet fund.",
        summary_en="A suppression comment suppressed nothing.",
        why_da="Når fejlen er rettet, skal kommentaren fjernes; ellers skjuler den en ny fejl af samme slags senere. "
               "(Som ruffs unused-noqa.)",
        why_en="Once the defect is fixed the comment must go; otherwise it will hide a new defect of the same kind "
               "later. (Like ruff's unused-noqa.)",
        wrong="<!-- referatcheck: disable-next-line=TAB001 -->\nI alt\t10\t20",
        right="I alt\t10\t20",
    )


class InvalidSuppression(Rule):
    """A `<!-- referatcheck: ... -->` comment cannot be read."""

    code, name, family, severity = "RC007", "invalid-suppression", "RC", Severity.WARNING
    doc = RuleDoc(
        summary_da="En referatcheck-kommentar kan ikke læses (ukendt direktiv, ingen koder, enable uden disable).",
        summary_en="A referatcheck comment cannot be read (unknown directive, no codes, enable without disable).",
        why_da="En kommentar, der ikke kan læses, virker ikke som tiltænkt: fund, der skulle skjules, vises, eller "
               "et område slutter aldrig.",
        why_en="A comment that cannot be read does not work as intended: findings meant to be hidden are shown, or "
               "a region never ends.",
        wrong="<!-- referatcheck: disabel=TAB001 -->",
        right="<!-- referatcheck: disable=TAB001 reason=\"tallene er fra regnskabet\" -->",
    )


class TimeLimit(Rule):
    """The lint of a file did not finish within its time limit."""

    code, name, family, severity = "RC010", "time-limit-exceeded", "RC", Severity.ERROR
    doc = RuleDoc(
        summary_da="Kontrollen af filen blev ikke færdig inden for tidsgrænsen; den regel eller det plugin, der "
                   "kørte, blev stoppet.",
        summary_en="The lint of the file did not finish within its time limit; the rule or plugin that was "
                   "running was stopped.",
        why_da="En regel eller et plugin, der aldrig bliver færdig, må ikke få hele kørslen til at hænge — i en "
               "pre-commit-hook eller i CI. Det, der ikke nåede at køre, er ikke kontrolleret. Meld fejlen til "
               "reglens forfatter, eller hæv `timeout` i konfigurationen, hvis filen blot er meget stor.",
        why_en="A rule or plugin that never finishes must not hang the whole run, in a pre-commit hook or in CI. "
               "What did not get to run was not checked. Report it to the rule's author, or raise `timeout` in the "
               "configuration if the file is merely very large.",
        wrong="(en regel, der går i uendelig løkke på et bestemt referat)",
        right="(reglen bliver færdig; eller `timeout = 120` for meget store filer)",
    )


SELF_RULES: tuple[type[Rule], ...] = (
    PluginFailed, RuleCrashed, UnreadableFile, LegacyEncoding,
    UnknownSuppressionCode, UnusedSuppression, InvalidSuppression, TimeLimit,
)

# Findings that mean the lint is incomplete: configuration, suppressions and baselines
# never hide them (the exit status is 2 whatever is shown).
INCOMPLETE_CODES = frozenset({PluginFailed.code, RuleCrashed.code, UnreadableFile.code, TimeLimit.code})

# Findings about suppression comments: a `select` that does not name them, or `ignore =
# ["ALL"]`, leaves them on (a comment that hides nothing, or cannot be read, must never go
# unnoticed because a run selected other rules); only an `ignore` that names them
# (`RC006`, `RC00`, `RC`, `unused-suppression`) switches them off.
COMMENT_CODES = frozenset({UnknownSuppressionCode.code, UnusedSuppression.code, InvalidSuppression.code})
