from conftest import corpus_files, lint


def test_corpus_has_no_errors_or_warnings(linter):
    for path in corpus_files():
        result = linter.lint_bytes(str(path), path.read_bytes())
        bad = [d for d in result.diagnostics if d.severity.value in ("error", "warning")]
        assert not bad, [(d.code, d.span.line, d.message.da) for d in bad]


def test_snippet_lints():
    assert lint("# REFERAT Udvalget d. 01-02-2024\n") == []
