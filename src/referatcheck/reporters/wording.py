"""Words the reports share: counts with the right singular or plural, and rule texts
written with Markdown code spans shown as code.

Danish: `1 fil`, `2 filer`; `1 advarsel`, `2 advarsler`; `fejl` and `info` are the same
in both numbers. No `fil(er)`: a clerk reads the report, not a template.
"""

from __future__ import annotations

import re
from html import escape

_NOUNS = {
    "da": {"file": ("fil", "filer"), "error": ("fejl", "fejl"), "warning": ("advarsel", "advarsler"),
           "info": ("info", "info")},
    "en": {"file": ("file", "files"), "error": ("error", "errors"), "warning": ("warning", "warnings"),
           "info": ("info", "infos")},
}


def count(number: int, noun: str, lang: str = "da") -> str:
    """``count(2, "warning")`` → ``"2 advarsler"``; ``noun`` is file, error, warning or info."""
    singular, plural = _NOUNS["en" if lang == "en" else "da"][noun]
    return f"{number} {singular if number == 1 else plural}"


def plural(noun: str, lang: str = "da") -> str:
    """The plural alone, for column headings (``Advarsler``)."""
    return _NOUNS["en" if lang == "en" else "da"][noun][1]


def summary_line(summary: dict[str, int], lang: str = "da") -> str:
    """``1 fil kontrolleret: 2 fejl, 1 advarsel, 0 info``."""
    checked = "checked" if lang == "en" else "kontrolleret"
    return (f"{count(summary['files'], 'file', lang)} {checked}: {count(summary['errors'], 'error', lang)}, "
            f"{count(summary['warnings'], 'warning', lang)}, {count(summary['infos'], 'info', lang)}")


# A Markdown code span: `text` on one line (rule texts quote the minutes this way).
_CODE_SPAN = re.compile(r"`([^`\n]{1,300})`")


def html_text(text: str) -> str:
    """``text`` escaped for HTML, with its `code spans` as <code> (after escaping, so a
    code span can only ever wrap escaped text)."""
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(text, quote=True))
