"""A check of a Markdown file imports none of the libraries only other inputs or
near misses need: each costs a one-file run (a pre-commit hook) milliseconds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Imported only for a PDF, a Word file, a web page, the language server, `--watch`, or
# the first title or committee name that matches another only nearly.
ON_DEMAND = (
    "pypdfium2", "referatcheck.formats.pdflayout", "referatcheck.formats.pdfpage", "statistics",
    "docx", "bs4", "html5lib", "pygls", "watchfiles", "rapidfuzz",
)

PROBE = """
import json, sys
from referatcheck.cli import main
try:
    main(["check", "--no-cache", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def test_markdown_check_imports_no_reader_of_other_formats():
    clean = ROOT / "examples" / "clean" / "nordby-arbejdsmarkedsudvalget-2024-03-12.md"
    done = subprocess.run([sys.executable, "-c", PROBE, str(clean)], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "referatcheck_plugins.tables_rules" in loaded  # the rules did run
    assert not [name for name in ON_DEMAND if name in loaded]
