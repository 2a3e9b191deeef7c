from conftest import KNOWN_CORPUS_DEFECTS, corpus_files, lint

def test_corpus_has_no_errors_or_warnings(linter):
    for path in corpus_files():
        result = linter.lint_bytes(str(path), path.read_bytes())
        bad = [d for d in result.diagnostics if d.severity.value in ("error", "warning")
               and (path.name, d.code, d.span.line) not in KNOWN_CORPUS_DEFECTS]
        assert not bad, [(d.code, d.span.line, d.message.da) for d in bad]


def test_a_bare_title_gives_no_error_or_warning():
    found = lint("# REFERAT Udvalget d. 01-02-2024\n")
    assert [d for d in found if d.severity.value != "info"] == []
