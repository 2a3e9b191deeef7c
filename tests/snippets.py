"""Small minutes shared by the configuration, suppression, baseline, format and CLI tests."""

from __future__ import annotations

from pathlib import Path

# Two table-of-contents defects: a near miss (TOC003, warning) at line 11 and an entry
# without an item (TOC001, error) at line 12.
TOC_DEFECTS = """\
# REFERAT Nordby Udvalget d. 01-02-2024

**Mødedato** Torsdag d. 1. februar 2024 kl. 15:00

**Mødested** Rådhuset, mødelokale 1

## Indholdsfortegnelse

Godkendelse af dagsorden.....\t3
Orientering om budgettet for 2024.....\t4
Godkendelse af takster for 2025.....\t5
Orientering om ingenting.....\t6

# Punkt 1: Godkendelse af dagsorden

24/00001

## Beslutning

Godkendt.

# Punkt 2: Orientering om budgettet for 2024

24/00002

## Beslutning

Taget til efterretning.

# Punkt 3: Godkendelse af takster for 2024

24/00003

## Beslutning

Godkendt.
"""
NEAR_MISS_LINE, ORPHAN_LINE = 11, 12

# The same minutes without the defects.
CLEAN = TOC_DEFECTS.replace("takster for 2025", "takster for 2024").replace("Orientering om ingenting.....\t6\n", "")


def toc_codes(result) -> list[tuple[str, int]]:
    """(code, line) of the TOC and RC findings of a FileResult, in report order."""
    return [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith(("TOC", "RC"))]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
