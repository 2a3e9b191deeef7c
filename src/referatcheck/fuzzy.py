"""Edit distance (Levenshtein), for names and titles written almost alike.

rapidfuzz is imported on first use, not with the module: most TOC titles and committee
names match exactly, and importing rapidfuzz costs a one-file run about 12 ms.
"""

from __future__ import annotations

from typing import Sequence


def edit_distance(a: str | Sequence[str], b: str | Sequence[str], limit: int | None = None) -> int:
    """The number of insertions, deletions and substitutions that turn ``a`` into ``b``
    (characters of strings, or items of word lists); above ``limit``, ``limit + 1``."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=limit)
