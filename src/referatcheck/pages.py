"""The printed page each line of a paged document stands on (a PDF).

A loader of a paged format puts one page number per produced line in
``Document.extra["pages"]`` (the number printed on the page when the page footers give
it consistently, else the page's position in the file; None for a blank line). Only
then can a table of contents' page numbers be checked; Markdown, text, Word and web
pages have no pages, and :func:`page_of` answers None for them.
"""

from __future__ import annotations

from typing import Sequence

from referatcheck.model import Document

PAGES = "pages"  # the key in Document.extra


def is_paged(document: Document) -> bool:
    return bool(document.extra.get(PAGES))


def page_of(document: Document, line: int) -> int | None:
    """The page line ``line`` (1-based) stands on, or None (no pages, or a blank line)."""
    pages: Sequence[int | None] | None = document.extra.get(PAGES)
    if not pages or not 1 <= line <= len(pages):
        return None
    return pages[line - 1]
