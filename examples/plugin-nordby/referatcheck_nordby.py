"""Nordby Kommune's local rule, as an example of a third-party referatcheck plugin.

Nordby signs its minutes electronically on a last item `Underskriftsside`; an item
placed after it would not be covered by the signatures.

A third-party plugin imports from ``referatcheck.api`` only: the rest of referatcheck
is internal and may change between releases.
"""

from referatcheck.api import Rule, RuleDoc, Severity, hookimpl


class SignaturePageLast(Rule):
    """The signature page must be the last agenda item."""

    code, name, family, severity = "NB001", "signature-page-last", "NB", Severity.WARNING
    doc = RuleDoc(
        summary_da="Underskriftssiden skal være det sidste dagsordenspunkt.",
        summary_en="The signature page must be the last agenda item.",
        why_da="Medlemmerne underskriver protokollen på det sidste punkt; punkter derefter er ikke dækket af underskrifterne.",
        why_en="Members sign the protocol on the last item; items after it are not covered by the signatures.",
        wrong="# Punkt 10: Underskriftsside\n\n# Punkt 11: Eventuelt",
        right="# Punkt 10: Eventuelt\n\n# Punkt 11: Underskriftsside",
    )

    def check(self, document, options):
        items = document.items
        for index, item in enumerate(items[:-1]):
            if item.title.casefold().removeprefix("lukket:").strip().startswith(("underskriftsside", "underskriftsark")):
                last = items[-1]
                yield self.diagnostic(
                    document, item.heading_span,
                    f"Underskriftssiden er punkt {item.number}, men punkt {last.number} (linje "
                    f"{last.heading_span.line}) kommer efter den.",
                    f"The signature page is item {item.number}, but item {last.number} (line "
                    f"{last.heading_span.line}) comes after it.",
                    related=(last.heading_span,),
                )


@hookimpl
def referatcheck_section_names():
    # Nordby's agenda system calls the decision "Udvalgets afgørelse".
    return [("Udvalgets afgørelse", "decision")]


@hookimpl
def referatcheck_rules():
    return [SignaturePageLast]


@hookimpl
def referatcheck_vocabulary():
    # Nordby's web export prints the place as `Mødelokale/sted:` and heads its list of
    # items `Sagsliste`.
    return {"head-labels": {"Mødelokale/sted": "place"}, "toc-headings": ["Sagsliste"]}
