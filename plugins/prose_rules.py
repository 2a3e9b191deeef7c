"""TXT — figures in prose: parts against the whole they are stated to make.

What is read (`418 borgere, heraf 203 kvinder og 196 mænd`, `i alt 146 … fordelt på 61 …
og 85 …`, `120.000 kr., 100.000 kr. og 90.000 kr., i alt 310.000 kr.`) and what is left alone is described in :mod:`referatcheck.figures`; the
statements come from ``document.facts.figures`` and are compared here as rounding
intervals.
"""

from __future__ import annotations

from typing import Iterator

from referatcheck import hookimpl
from referatcheck.amounts import format_number
from referatcheck.diagnostic import Severity
from referatcheck.rule import Rule, RuleDoc


class PartsDoNotMakeWhole(Rule):
    """Parts stated with `heraf` / `fordelt på` / `…, i alt` do not add up to their whole."""

    code, name, family, severity = "TXT001", "parts-do-not-make-whole", "TXT", Severity.WARNING
    doc = RuleDoc(
        summary_da="Tallene efter `heraf` eller `fordelt på` (eller foran `i alt`) summerer ikke til det samlede "
                   "tal.",
        summary_en="The figures after `heraf` (of which) or `fordelt på` (divided into), or before `i alt` (in "
                   "all), do not add up to the whole.",
        why_da="`418 borgere, heraf 203 kvinder og 196 mænd` lover, at delene udgør helheden; går regnestykket "
               "ikke op, er et af tallene forkert. Tal sammenlignes med afrunding (et tal med én decimal står for "
               "±0,05); en forskel, der kan skyldes afrunding, er kun info. Kun entydige sætninger læses: én del, "
               "omtrentlige eller ikke-udtømmende opremsninger og procenter springes over.",
        why_en="`418 citizens, of which 203 women and 196 men` promises that the parts make the whole; if the sum "
               "does not add up, one of the figures is wrong. Figures are compared with rounding (one decimal "
               "stands for ±0.05); a difference rounding can explain is info only. Only unambiguous sentences are "
               "read: a single part, approximate or non-exhaustive lists and percentages are skipped.",
        wrong="Spørgeskemaet blev besvaret af 418 borgere, heraf 203 kvinder og 196 mænd.",
        right="Spørgeskemaet blev besvaret af 418 borgere, heraf 203 kvinder og 215 mænd.",
    )

    def check(self, document, options) -> Iterator:
        for found in document.facts.figures:
            statement, span = found.statement, found.span
            total, whole = statement.total, statement.whole.interval
            exact = sum((p.value for p in statement.parts), start=statement.whole.value * 0)
            if total.overlaps(whole) and exact == statement.whole.value:
                continue
            if not total.overlaps(whole) and not statement.breakdown:
                continue  # a few of the whole's parts, not all of them
            decimals = max(p.decimals for p in (statement.whole, *statement.parts))
            parts_text = " + ".join(format_number(p.value, p.decimals) for p in statement.parts)
            sum_text = format_number(exact, decimals)
            whole_text = format_number(statement.whole.value, statement.whole.decimals)
            difference = format_number(abs(exact - statement.whole.value), decimals)
            if total.overlaps(whole):
                yield self.diagnostic(
                    document, span,
                    f"Delene {parts_text} = {sum_text} afviger fra {whole_text} med {difference}; forskellen "
                    f"kan skyldes afrunding.",
                    f"The parts {parts_text} = {sum_text} differ from {whole_text} by {difference}; rounding "
                    f"can explain the difference.",
                    severity=Severity.INFO, subject=f"{whole_text}|{parts_text}",
                )
                continue
            yield self.diagnostic(
                document, span,
                f"Delene {parts_text} = {sum_text}, men helheden er {whole_text} (forskel {difference}).",
                f"The parts {parts_text} = {sum_text}, but the whole is {whole_text} (difference {difference}).",
                subject=f"{whole_text}|{parts_text}",
            )


RULES = (PartsDoNotMakeWhole,)


@hookimpl
def referatcheck_rules():
    return RULES
