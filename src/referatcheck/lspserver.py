"""`referatcheck server`: the language server editors talk to over stdin/stdout (pygls).

- Diagnostics when a document is opened or saved, and while it is edited: a change waits
  ``debounce`` seconds (0.3) for the next one, so typing does not lint every keystroke.
- Code actions: each finding's fix (an unsafe one says so), a `disable-next-line`
  comment with a reason for the finding, and `source.fixAll.referatcheck` (every safe fix,
  verified as `--fix` does).
- Hover over a finding: the rule's documentation.
- The configuration is the one `check` would use for the file (found from its folder);
  the language of messages is the client's setting `lang`, else the configuration's
  `lang`, else Danish. A configuration error is shown as one diagnostic on line 1.

Client settings (`initializationOptions`, or `workspace/didChangeConfiguration` under
`referatcheck`): `{"lang": "da" | "en", "debounce": seconds}`.

Linting runs in one worker thread, so the server keeps answering while a long file is
checked; the documents are synchronised whole (`TextDocumentSyncKind.Full`), which also
keeps pygls from splitting lines where LSP does not.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from referatcheck import __version__
from referatcheck.config import ConfigError, config_for
from referatcheck.diagnostic import Diagnostic
from referatcheck.engine import FileResult
from referatcheck.lsp_convert import (
    SOURCE, Positions, contains, fix_action, fix_all_action, hover, suppress_action, to_lsp_diagnostic,
)
from referatcheck.pipeline import RunSettings, lint_file

DEBOUNCE = 0.3
FIX_ALL = types.CodeActionKind.SourceFixAll + ".referatcheck"
logger = logging.getLogger(__name__)


class Linted:
    """The last lint of one document version: what code actions and hovers answer from."""

    def __init__(self, version: int | None, text: str, result: FileResult | None, positions: Positions,
                 lang: str) -> None:
        self.version, self.text, self.result, self.positions, self.lang = version, text, result, positions, lang

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.result.diagnostics if self.result is not None else ()


class ReferatServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("referatcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.settings: dict = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.linted: dict[str, Linted] = {}
        # One worker: lints never run concurrently (the rule caches are per process), and
        # the event loop stays free to answer requests meanwhile.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="referatcheck-lint")

    # -- settings

    def update_settings(self, options) -> None:
        if isinstance(options, dict):
            self.settings = {**self.settings, **(options.get("referatcheck", options) or {})}

    @property
    def debounce(self) -> float:
        try:
            return max(0.0, float(self.settings.get("debounce", DEBOUNCE)))
        except (TypeError, ValueError):
            return DEBOUNCE

    def lang_for(self, path: str) -> str:
        chosen = self.settings.get("lang")
        if chosen in ("da", "en"):
            return chosen
        try:
            return config_for(path).lang or "da"
        except ConfigError:
            return "da"

    # -- linting

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, unless another change comes first."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self.lint_and_publish(uri)
        except asyncio.CancelledError:
            pass
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def lint_and_publish(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        path = path_of(uri)
        lang = self.lang_for(path)
        positions = Positions(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.worker, lint_file, path, text.encode("utf-8"), RunSettings())
        except ConfigError as exc:
            self.linted[uri] = Linted(version, text, None, positions, lang)
            self._publish(uri, version, [types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                severity=types.DiagnosticSeverity.Error, source=SOURCE, code="config", message=str(exc),
            )])
            return
        if self.workspace.get_text_document(uri).version != version:
            return  # edited while it was checked: the lint of the newer text is on its way
        self.linted[uri] = Linted(version, text, result, positions, lang)
        self._publish(uri, version, [to_lsp_diagnostic(d, positions, uri, lang) for d in result.diagnostics])

    def _publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self._publish(uri, None, [])


def path_of(uri: str) -> str:
    """The file path of a `file:` URI; an untitled document is read as `untitled.md` in the
    working directory (its configuration is that of the working directory)."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        path = unquote(parsed.path)
        if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
            path = path[1:]
        return path
    return os.path.join(os.getcwd(), "untitled.md")


server = ReferatServer()


@server.feature(types.INITIALIZE)
def initialize(ls: ReferatServer, params: types.InitializeParams) -> None:
    ls.update_settings(params.initialization_options)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: ReferatServer, params: types.DidChangeConfigurationParams) -> None:
    ls.update_settings(params.settings)
    for uri in list(ls.linted):
        ls.schedule(uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: ReferatServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: ReferatServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: ReferatServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ReferatServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
)
async def code_action(ls: ReferatServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None or linted.result is None:
        return None
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    if not wanted or any(k in (types.CodeActionKind.QuickFix, "quickfix") for k in wanted):
        first = linted.positions.column_of(params.range.start)
        last = linted.positions.column_of(params.range.end)
        for diagnostic in linted.diagnostics:
            span = diagnostic.span
            if (max(span.end_line, span.line), max(span.end_column, span.column)) < first or (span.line, span.column) > last:
                continue
            lsp = to_lsp_diagnostic(diagnostic, linted.positions, uri, linted.lang)
            for action in (fix_action(diagnostic, lsp, linted.positions, uri, linted.lang),
                           suppress_action(diagnostic, lsp, linted.text, linted.positions, uri, linted.lang)):
                if action is not None:
                    actions.append(action)
    if not wanted or any(FIX_ALL.startswith(k) for k in wanted):
        action = await _fix_all(ls, uri, linted)
        if action is not None:
            actions.append(action)
    return actions


async def _fix_all(ls: ReferatServer, uri: str, linted: Linted) -> types.CodeAction | None:
    from referatcheck.fixer import applicable, fix_bytes

    if not any(applicable(d, False) for d in linted.diagnostics):
        return None
    path = path_of(uri)

    def fix():
        return fix_bytes(path, linted.text.encode("utf-8"), lambda p, data: lint_file(p, data, RunSettings()),
                         result=linted.result)

    outcome = await asyncio.get_running_loop().run_in_executor(ls.worker, fix)
    if not outcome.changed:
        return None
    return fix_all_action(linted.text, outcome.fixed.decode("utf-8"), outcome.fixed_count, linted.positions, uri,
                          linted.lang)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: ReferatServer, params: types.HoverParams) -> types.Hover | None:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None:
        return None
    line, column = linted.positions.column_of(params.position)
    found = [d for d in linted.diagnostics if contains(d.span, line, column)]
    return hover(found, linted.positions, linted.lang)


def serve() -> None:
    """Run the server on stdin/stdout until the client ends it."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()
