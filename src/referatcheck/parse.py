"""Source text → Document: the lexer, the Lark parser and the transformer in one call."""

from __future__ import annotations

from referatcheck.grammar import parser
from referatcheck.model import Document
from referatcheck.sections import DEFAULT_VOCABULARY, SectionVocabulary
from referatcheck.source import SourceText
from referatcheck.transform import build_document


def parse_document(source: SourceText, vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse decoded minutes into the document model. Never raises on any text."""
    tree = parser().parse((source, vocabulary))
    return build_document(tree, source, vocabulary)


def parse_text(text: str, path: str = "<string>", vocabulary: SectionVocabulary = DEFAULT_VOCABULARY) -> Document:
    """Convenience for tests and plugins: parse a string."""
    return parse_document(SourceText.from_text(text, path=path), vocabulary)
