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


# ---- TOCs in other shapes: numbered `1)`, bullet lists, tables (test_toc, test_fix) -----------

SHAPES_HEAD = "Kultur- og Fritidsudvalget\n\nMødedato: Tirsdag den 9. april 2024 kl. 16:00\n\nMødested: Rådhuset\n\n"
SHAPES_ITEMS = """1. Godkendelse af dagsorden

Sagsnr.: 24/04410

Indstilling

Forvaltningen indstiller, at dagsordenen godkendes.

Beslutning

Godkendt.

2. Tilskud til foreninger

Sagsnr.: 24/04411

Beslutning

Godkendt.

3. Eventuelt

Sagsnr.: 24/04412

Beslutning

Intet.
"""
# Each shape's entries, written as correct minutes would: titles as the items have them,
# numbers 1-3 where the shape has numbers, pages 2-4 where it has pages.
TOC_SHAPES = {
    "paren": "Punktoversigt\n\n1) Godkendelse af dagsorden\t2\n2) Tilskud til foreninger\t3\n3) Eventuelt\t4\n\n",
    "paren-no-pages": "Punktoversigt\n\n1) Godkendelse af dagsorden\n2) Tilskud til foreninger\n3) Eventuelt\n\n",
    "bullet-links": "Punkter\n\n- [1. Godkendelse af dagsorden](#punkt-1)\n- [2. Tilskud til foreninger](#punkt-2)\n"
                    "- [3. Eventuelt](#punkt-3)\n\n",
    "bullets": "Punkter\n\n- 1. Godkendelse af dagsorden\n- 2. Tilskud til foreninger\n- 3. Eventuelt\n\n",
    "star-bullets": "Punkter\n\n* 1. Godkendelse af dagsorden\n* 2. Tilskud til foreninger\n* 3. Eventuelt\n\n",
    "bullets-paged": "Indholdsfortegnelse\n\n- Godkendelse af dagsorden.....\t2\n- Tilskud til foreninger.....\t3\n"
                     "- Eventuelt.....\t4\n\n",
    "pipe-table": "Indholdsfortegnelse\n\n| Punkt | Titel | Side |\n|---|---|---|\n| 1 | Godkendelse af dagsorden | 2 |\n"
                  "| 2 | Tilskud til foreninger | 3 |\n| 3 | Eventuelt | 4 |\n\n",
    "pipe-table-no-header": "Dagsorden\n\n| 1 | Godkendelse af dagsorden | 2 |\n|---|---|---|\n"
                            "| 2 | Tilskud til foreninger | 3 |\n| 3 | Eventuelt | 4 |\n\n",
    "pipe-table-no-heading": "| Pkt. | Tekst | Side |\n|---|---|---|\n| 1 | Godkendelse af dagsorden | 2 |\n"
                             "| 2 | Tilskud til foreninger | 3 |\n| 3 | Eventuelt | 4 |\n\n",
    "pipe-table-bare": "| 1 | Godkendelse af dagsorden | 2 |\n|---|---|---|\n| 2 | Tilskud til foreninger | 3 |\n"
                       "| 3 | Eventuelt | 4 |\n\n",
    "tab-columns-no-heading": "Pkt.\tTekst\tSide\n1\tGodkendelse af dagsorden\t2\n2\tTilskud til foreninger\t3\n"
                              "3\tEventuelt\t4\n\n",
    "tab-columns-no-pages": "Dagsorden\n\n1\tGodkendelse af dagsorden\n2\tTilskud til foreninger\n3\tEventuelt\n\n",
}


def shape_text(toc: str) -> str:
    """Minutes of three items with ``toc`` (one of TOC_SHAPES) between the head and the items."""
    return SHAPES_HEAD + toc + SHAPES_ITEMS


def toc_codes(result) -> list[tuple[str, int]]:
    """(code, line) of the TOC and RC findings of a FileResult, in report order."""
    return [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith(("TOC", "RC"))]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
