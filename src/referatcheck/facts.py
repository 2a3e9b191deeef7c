"""What one document says, read once: the facts every rule compares.

Rules only compare and report; the reading they share lives in domain modules
(:mod:`~referatcheck.decisions`, :mod:`~referatcheck.attendance`,
:mod:`~referatcheck.tables`, :mod:`~referatcheck.toc_alignment`,
:mod:`~referatcheck.figures`), and this object calls each of them at most once per
document, when a rule first asks. It belongs to its document
(``document.facts``), so nothing is cached in a module and nothing outlives the
document.

A third-party rule reads the same facts::

    for record in document.facts.records:      # recommendation and decisions per item
        ...
    document.facts.attendance.participants     # who was there
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable, TypeVar

from referatcheck.attendance import Attendance, read_attendance
from referatcheck.decisions import ItemRecord, Meeting, read_meeting, read_records
from referatcheck.figures import ProseFigures, read_figures
from referatcheck.model import Document, Item
from referatcheck.tables import TableView, read_tables
from referatcheck.toc_alignment import Alignment, align


T = TypeVar("T")


class Facts:
    """The facts of one document, each read on first use and kept."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._shared: dict[str, object] = {}

    @cached_property
    def meeting(self) -> Meeting:
        """Whose meeting and when: committee and dates from the title and head fields."""

        return read_meeting(self.document)

    @cached_property
    def records(self) -> tuple[ItemRecord, ...]:
        """Recommendation and decisions of every item, in document order."""

        return read_records(self.document, self.meeting)

    def record_of(self, item: Item) -> ItemRecord | None:
        """The record of one of the document's items."""
        return self._records_by_item.get(id(item))

    @cached_property
    def _records_by_item(self) -> dict[int, ItemRecord]:
        return {id(record.item): record for record in self.records}

    @cached_property
    def attendance(self) -> Attendance:
        """Participants, absences, arrivals and departures, votes and dissents."""

        return read_attendance(self.document, self)

    @cached_property
    def tables(self) -> tuple[TableView, ...]:
        """Every table read: column roles, totals and what they sum."""

        return read_tables(self.document)

    @cached_property
    def toc(self) -> Alignment:
        """The table of contents aligned with the items."""

        return align(self.document)

    @cached_property
    def figures(self) -> ProseFigures:
        """Wholes and the parts prose says they consist of (`418, heraf 203 og 215`)."""

        return read_figures(self.document)

    def shared(self, key: str, compute: Callable[[Document], T]) -> T:
        """Work several rules of one family share on this document, done once.

        The TAB rules check each table once and each picks its own findings; a
        third-party family can do the same under its own ``key``. What is kept here
        lives as long as the document, never in a module.
        """
        if key not in self._shared:
            self._shared[key] = compute(self.document)
        return self._shared[key]  # type: ignore[return-value]

    def build(self) -> Facts:
        """Read every fact now (the benchmark times reading apart from the rules)."""
        for name in ("meeting", "records", "attendance", "tables", "toc", "figures"):
            getattr(self, name)
        return self
