"""The public plugin API: everything a third-party rule or format plugin needs.

Import from here and nowhere else in ``referatcheck``::

    from referatcheck.api import Rule, RuleDoc, Severity, hookimpl

The names in ``__all__`` are the contract: they keep their meaning across minor
releases. Every other module of ``referatcheck`` is internal and may change without
notice; the built-in rule families are not a model to import from.

Registering a plugin
    A plugin is a module registered under the entry-point group ``referatcheck`` in
    its package's ``pyproject.toml`` (``[project.entry-points.referatcheck]``). It
    implements hooks, each marked with :data:`hookimpl`:

    - ``referatcheck_rules()`` → the :class:`Rule` subclasses it adds;
    - ``referatcheck_section_names()`` → ``(heading, kind)`` pairs, ``kind`` a
      :class:`SectionKind` or its value (``"decision"``);
    - ``referatcheck_vocabulary()`` → ``{"head-labels": {label: role},
      "toc-headings": [...], "artefacts": [...]}``: words the reader learns;
    - ``referatcheck_reporters()`` → ``{format name: reporter}``;
    - ``referatcheck_load_document(path, data, vocabulary)`` → a :class:`Document`
      for a file format of its own, or None (``vocabulary`` is a
      :class:`SectionVocabulary`); for a damaged file of its format it raises
      :class:`UnreadableDocument` (the reason, in Danish and English);
    - ``referatcheck_input_suffixes()`` → the suffixes that format plugin reads
      (``[".pdf"]``): it is then asked about those files only, and its failure on one
      of them is reported for that file alone.

    ``examples/plugin-nordby`` is a complete package with one rule, one section
    name and vocabulary, importing only this module.

Writing a rule
    :class:`Rule` — subclass it; set ``code`` (``XNB001``: family prefix and three
    digits), ``name`` (kebab-case), ``family``, ``severity`` (a :class:`Severity`),
    ``doc`` (a :class:`RuleDoc`) and, if it can be tuned, ``options`` (names and
    defaults). ``check(document, options)`` yields findings made with
    ``self.diagnostic(document, span, da, en, related=..., subject=..., figures=...)``,
    which returns a :class:`Diagnostic` whose :class:`Message` is Danish and English.
    ``figures`` are the figures the finding compares (:func:`figures_in` takes them
    from an English message, line references aside): a baseline then reports the
    finding again when they change. A rule never prints, reads files or raises for a
    finding.

    :class:`RuleDoc` — the bilingual summary and reason, and a ``wrong`` and a
    ``right`` snippet of minutes. ``referatcheck explain`` prints them, and the
    wrong snippet must trigger the rule and the right one must not (referatcheck's
    own test suite lints every installed rule's examples; do the same in yours).

Fixing (`check --fix`, the language server's quick fixes)
    A finding may carry a fix: ``self.diagnostic(..., fix=Fix.safe([Edit.replace(span,
    "ny tekst")], da, en))`` — :class:`Fix` groups edits (:class:`Edit`) applied together,
    says what it does in Danish and English, and how sure it is (:class:`Applicability`:
    ``Fix.safe`` keeps the minutes' meaning and `--fix` applies it; ``Fix.unsafe`` only
    with `--unsafe-fixes`). Set the rule's ``fixable`` to the applicability its fixes
    have, so `explain` says so. :func:`written` gives the file's text at a span (what an
    edit replaces). Edits never overlap within a fix; referatcheck drops a fix whose
    result has a finding the text did not have.

The document model (frozen attrs classes; every node has a :class:`Span`)
    :class:`Document` — ``path``, ``source`` (:class:`SourceText`), ``head``,
    ``toc``, ``items``, ``unread`` (:class:`Unread` stretches), ``extra``.

    :class:`Head` — ``title`` (:class:`Title`: text, committee, period, date) and
    ``fields`` (:class:`Field`: label, value, role such as ``date``, ``time``,
    ``place``, ``committee``, ``members``, ``absent``; ``field_for(role)``).

    :class:`Toc` — :class:`TocEntry` lines: title, page, number, has_leader.

    :class:`Item` — number, title, closed, ``case_number`` (:class:`CaseNumber`),
    ``intro`` blocks, ``sections`` (:class:`Section` with a :class:`SectionKind`;
    ``item.section(SectionKind.DECISION)``) and ``heading_span``.

    Blocks (:data:`Block`) inside sections: :class:`Paragraph`, :class:`ListBlock`
    of :class:`ListItem`, :class:`Table` of :class:`Row` of :class:`Cell`,
    :class:`Heading` (a sub-heading), :class:`AttendanceNote`, :class:`CaseNumber`.
    :func:`block_text` gives any block's plain text.

    :class:`Span` — 1-based ``line``/``column`` to ``end_line``/``end_column``
    (exclusive) in the file as given: point a finding at the place to edit.

The facts (read once per document and shared by every rule: compare, don't re-read)
    :class:`Facts` — ``document.facts``: ``meeting`` (committee and dates),
    ``records`` (per item its recommendation and decisions; ``record_of(item)``),
    ``attendance`` (participants, absences, votes), ``tables`` (each table read:
    column roles, totals), ``toc`` (the TOC aligned with the items), ``figures``
    (parts statements in prose with their spans), and ``shared(key, compute)`` for
    work the rules of one family share.

    Places: ``document.line_span(line)`` and ``document.locate(text, line)`` turn
    text read from a node back into a :class:`Span` (never search the source).

Reading helpers (one place reads Danish numbers, dates and titles: use them)
    Amounts: :class:`Amount` (``Amount.parse("1.229.781")``, value, decimals, unit,
    ``interval``), :class:`Interval` (interval arithmetic of rounded figures),
    :data:`UNIT_SCALE`, :func:`find_numbers` (figures in prose with their offsets),
    :func:`format_number` (back to ``1.229.781,5``).

    Dates and times: :func:`find_dates` (:class:`DateMention`), :func:`dates_in`,
    :func:`first_date`, :func:`find_times` (:class:`TimeMention`),
    :func:`find_time`, :func:`weekday_name` (Danish).

    Text: :func:`clean_inline` (markup removed), :func:`normalise_title` (titles as
    compared between TOC and items), :func:`sentences`, :func:`find_cpr_numbers`
    (:class:`CprNumber`; messages mask CPR numbers themselves).

Parsing (for a plugin's tests and for format plugins)
    :func:`parse_text` parses a string into a :class:`Document`;
    :func:`parse_document` parses a :class:`SourceText` with a
    :class:`SectionVocabulary`. A format plugin that converts to text may put one
    :class:`Place` (or None) per text line in ``Document.extra[LOCATIONS]``, so that
    findings name the place in the original file (:data:`LOCATIONS`).
"""

from __future__ import annotations

from referatcheck.amounts import UNIT_SCALE, Amount, Interval, find_numbers, format_number
from referatcheck.cpr import CprNumber, find_cpr_numbers
from referatcheck.dates import (
    DateMention,
    TimeMention,
    dates_in,
    find_dates,
    find_time,
    find_times,
    first_date,
    weekday_name,
)
from referatcheck.diagnostic import Diagnostic, Message, Severity, figures_in
from referatcheck.edits import Applicability, Edit, Fix, written
from referatcheck.facts import Facts
from referatcheck.hookspecs import hookimpl
from referatcheck.loading import UnreadableDocument
from referatcheck.locations import LOCATIONS, Place
from referatcheck.model import (
    AttendanceNote,
    Block,
    CaseNumber,
    Cell,
    Document,
    Field,
    Head,
    Heading,
    Item,
    ListBlock,
    ListItem,
    Paragraph,
    Row,
    Section,
    SectionKind,
    Span,
    Table,
    Title,
    Toc,
    TocEntry,
    Unread,
    block_text,
)
from referatcheck.parse import parse_document, parse_text
from referatcheck.rule import Rule, RuleDoc
from referatcheck.sections import SectionVocabulary
from referatcheck.sentences import sentences
from referatcheck.source import SourceText
from referatcheck.titles import clean_inline, normalise_title

__all__ = [
    # rules and hooks
    "Rule",
    "RuleDoc",
    "Severity",
    "Diagnostic",
    "Message",
    "hookimpl",
    "figures_in",
    # fixes
    "Fix",
    "Edit",
    "Applicability",
    "written",
    # the model
    "Span",
    "Document",
    "SourceText",
    "Unread",
    "Head",
    "Title",
    "Field",
    "Toc",
    "TocEntry",
    "Item",
    "CaseNumber",
    "Section",
    "SectionKind",
    "Block",
    "Paragraph",
    "ListBlock",
    "ListItem",
    "Table",
    "Row",
    "Cell",
    "Heading",
    "AttendanceNote",
    "block_text",
    # facts
    "Facts",
    # reading helpers
    "Amount",
    "Interval",
    "UNIT_SCALE",
    "find_numbers",
    "format_number",
    "DateMention",
    "TimeMention",
    "find_dates",
    "dates_in",
    "first_date",
    "find_times",
    "find_time",
    "weekday_name",
    "clean_inline",
    "normalise_title",
    "sentences",
    "CprNumber",
    "find_cpr_numbers",
    # parsing and format plugins
    "parse_text",
    "parse_document",
    "SectionVocabulary",
    "Place",
    "LOCATIONS",
    "UnreadableDocument",
]
