"""All rules with their documentation, for `rules` and `explain`."""

from __future__ import annotations

from referatcheck.plugins import load_plugins
from referatcheck.rule import Rule
from referatcheck.selfcheck import SELF_RULES

_HEADINGS = {
    "da": ("Regel", "Familie", "Standardalvorlighed", "Hvorfor", "Forkert", "Rigtigt"),
    "en": ("Rule", "Family", "Default severity", "Why", "Wrong", "Right"),
}


# The built-in families, spelled out next to their codes in reports. A plugin's rules
# may name their family with `family_title = ("dansk", "English")`.
FAMILY_NAMES = {
    "MTG": ("mødehoved", "meeting head"),
    "TOC": ("indholdsfortegnelse", "table of contents"),
    "ITM": ("dagsordenspunkter", "agenda items"),
    "DEC": ("beslutninger", "decisions"),
    "TAB": ("tabeller", "tables"),
    "ATT": ("fremmøde og afstemninger", "attendance and votes"),
    "TXT": ("tal i teksten", "figures in the text"),
    "PRV": ("fortrolighed", "privacy"),
    "RC": ("referatcheck selv", "referatcheck itself"),
}


def family_name(family: str, lang: str = "da") -> str | None:
    """What a family code stands for (None for a plugin family that does not say)."""
    names = FAMILY_NAMES.get(family)
    if names is None:
        names = next((getattr(r, "family_title", None) for r in all_rules()
                      if r.family == family and getattr(r, "family_title", None)), None)
    if not names:
        return None
    return names[1] if lang == "en" else names[0]


def all_rules() -> list[type[Rule]]:
    rules = {r.code: r for r in (*load_plugins().rules, *SELF_RULES)}
    return [rules[c] for c in sorted(rules)]


def find_rule(code: str) -> type[Rule] | None:
    wanted = code.strip().upper()
    for rule in all_rules():
        if rule.code == wanted or rule.name == code.strip().lower():
            return rule
    return None


def explain_text(rule: type[Rule], lang: str = "da") -> str:
    h = _HEADINGS["en" if lang == "en" else "da"]
    doc = rule.doc
    lines = [
        f"{rule.code} {rule.name}",
        "",
        doc.summary(lang),
        "",
        f"{h[1]}: {rule.family}    {h[2]}: {rule.severity.value}",
        "",
        f"{h[3]}:",
        _indent(doc.why(lang)),
        "",
        f"{h[4]}:",
        _indent(doc.wrong),
        "",
        f"{h[5]}:",
        _indent(doc.right),
    ]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.strip("\n").splitlines())


def explain_markdown(rule: type[Rule], lang: str = "da") -> str:
    """The same documentation as :func:`explain_text`, as Markdown (SARIF `help.markdown`)."""
    h = _HEADINGS["en" if lang == "en" else "da"]
    doc = rule.doc
    return "\n".join([
        f"**{rule.code} {rule.name}** — {doc.summary(lang)}",
        "",
        f"{h[1]}: `{rule.family}` · {h[2]}: `{rule.severity.value}`",
        "",
        f"**{h[3]}**: {doc.why(lang)}",
        "",
        f"**{h[4]}**:",
        "",
        "```",
        doc.wrong.strip("\n"),
        "```",
        "",
        f"**{h[5]}**:",
        "",
        "```",
        doc.right.strip("\n"),
        "```",
    ])
