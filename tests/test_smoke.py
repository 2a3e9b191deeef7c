from conftest import corpus_files, lint

# True defects of the published corpus, each documented in a test of its family:
# (file, code, line). See tests/test_tables.py::KNOWN_CORPUS_DEFECTS.
KNOWN_CORPUS_DEFECTS = {
    # The table is labelled `(mio. kr.)`, but its figures are in 1.000 kr. (its total
    # -73.153 is "73,2 mio. kr." in the text, its 958 is "0,958 mio. kr.").
    ("soenderborg-arbejdsmarkeds-og-integrationsudvalget-2021-03-03.md", "TAB006", 106),
}


def test_corpus_has_no_errors_or_warnings(linter):
    for path in corpus_files():
        result = linter.lint_bytes(str(path), path.read_bytes())
        bad = [d for d in result.diagnostics if d.severity.value in ("error", "warning")
               and (path.name, d.code, d.span.line) not in KNOWN_CORPUS_DEFECTS]
        assert not bad, [(d.code, d.span.line, d.message.da) for d in bad]


def test_a_bare_title_gives_no_error_or_warning():
    found = lint("# REFERAT Udvalget d. 01-02-2024\n")
    assert [d for d in found if d.severity.value != "info"] == []
