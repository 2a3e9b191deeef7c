"""`referatcheck server` end to end: a real LSP client (pytest-lsp) drives the server over stdio.

One server process serves the module (starting one costs about a second); each test
opens its own document. Diagnostics on open, on change (debounced) and on save; quick
fixes, the suppression comment and fix-all, applied to the text as an editor would; hover;
the configuration from the file's folder, and the language from it or from the client.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from snippets import CLEAN, NEAR_MISS_LINE, ORPHAN_LINE, TOC_DEFECTS, write

from referatcheck.fixes import apply_edits
from referatcheck.edits import Edit
from referatcheck.model import Span

pytestmark = pytest.mark.asyncio(loop_scope="module")
TIMEOUT = 20  # seconds; a publish normally takes well under one


def _recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics in order (to count them)."""
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)
    client.published = []
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "referatcheck.cli", "server"],
                              client_factory=_recording_client),
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        initialization_options={"debounce": 0.05},
    ))
    yield
    await lsp_client.shutdown_session()


async def _published(client: LanguageClient, uri: str, after: int, version: int | None = None):
    """The first publish for ``uri`` after the ``after``-th publish of the session (of ``version``)."""
    async def wait():
        while True:
            for params in client.published[after:]:
                if params.uri == uri and (version is None or params.version == version):
                    return params
            await asyncio.sleep(0.01)
    return await asyncio.wait_for(wait(), TIMEOUT)


async def _open(client: LanguageClient, path: Path, text: str, version: int = 1):
    uri = path.as_uri()
    mark = len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))
    return uri, await _published(client, uri, mark)


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _by_code(params) -> dict[str, types.Diagnostic]:
    return {d.code: d for d in params.diagnostics}


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 columns equal characters in these Danish texts)."""
    return apply_edits(text, [
        Edit(Span(e.range.start.line + 1, e.range.start.character + 1, e.range.end.line + 1,
                  e.range.end.character + 1), e.new_text) for e in edits
    ])


async def _actions(client: LanguageClient, uri: str, diagnostic: types.Diagnostic, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic], only=only)))


async def test_diagnostics_on_open_with_positions_codes_and_links(client, tmp_path):
    uri, params = await _open(client, tmp_path / "referat.md", TOC_DEFECTS)
    found = _by_code(params)
    assert {"TOC001", "TOC003"} <= set(found)
    orphan, near = found["TOC001"], found["TOC003"]
    assert orphan.range.start == types.Position(line=ORPHAN_LINE - 1, character=0)
    assert near.range.start.line == NEAR_MISS_LINE - 1
    assert orphan.severity == types.DiagnosticSeverity.Error and near.severity == types.DiagnosticSeverity.Warning
    assert orphan.source == "referatcheck" and "Indholdsfortegnelsen har" in orphan.message  # Danish by default
    assert orphan.code_description.href.endswith("/docs/rules.md#toc001")
    assert near.related_information[0].location.range.start.line == 29  # the item heading, line 30


async def test_change_is_debounced_and_save_lints_again(client, tmp_path):
    uri, _ = await _open(client, tmp_path / "skrives.md", TOC_DEFECTS)
    # A debounce far longer than the burst, so a busy machine cannot split it in two.
    before = len(client.published)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"debounce": 1.5}))
    await _published(client, uri, before)  # a change of settings lints the open file again
    try:
        mark = len(client.published)
        for version in range(2, 7):  # typing: five changes inside the debounce time
            _change(client, uri, version, TOC_DEFECTS if version < 6 else CLEAN)
            await asyncio.sleep(0.01)
        last = await _published(client, uri, mark, version=6)
        await asyncio.sleep(1.7)  # long enough for any other pending lint to have published
        ours = [p for p in client.published[mark:] if p.uri == uri]
        assert [p.version for p in ours] == [6], "one lint for the burst, of the last text"
        assert not {"TOC001", "TOC003"} & set(_by_code(last))
    finally:
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"debounce": 0.05}))
    mark = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert (await _published(client, uri, mark)).version == 6


async def test_quick_fix_and_fix_all_repair_the_toc(client, tmp_path):
    uri, params = await _open(client, tmp_path / "ret.md", TOC_DEFECTS)
    near = _by_code(params)["TOC003"]
    actions = await _actions(client, uri, near)
    fix = next(a for a in actions if a.title.startswith("TOC003:") and a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix
    fixed = _apply(TOC_DEFECTS, fix.edit.changes[uri])
    assert "Godkendelse af takster for 2024.....\t5" in fixed and "Orientering om ingenting" not in fixed
    everything = await _actions(client, uri, near, only=[types.CodeActionKind.SourceFixAll])
    [fix_all] = everything
    assert fix_all.kind == "source.fixAll.referatcheck"
    assert _apply(TOC_DEFECTS, fix_all.edit.changes[uri]) == fixed
    mark = len(client.published)
    _change(client, uri, 2, fixed)
    assert not {"TOC001", "TOC003"} & set(_by_code(await _published(client, uri, mark, version=2)))


async def test_suppression_comment_with_a_reason(client, tmp_path):
    uri, params = await _open(client, tmp_path / "undertryk.md", TOC_DEFECTS)
    near = _by_code(params)["TOC003"]
    action = next(a for a in await _actions(client, uri, near) if "disable-next-line" in a.title)
    suppressed = _apply(TOC_DEFECTS, action.edit.changes[uri])
    comment = suppressed.splitlines()[NEAR_MISS_LINE - 1]
    assert comment == '<!-- referatcheck: disable-next-line=TOC003 reason="skriv begrundelsen her" -->'
    mark = len(client.published)
    _change(client, uri, 2, suppressed)
    after = _by_code(await _published(client, uri, mark, version=2))
    assert "TOC003" not in after and "TOC001" in after and not {"RC005", "RC006", "RC007"} & set(after)


async def test_hover_explains_the_rule(client, tmp_path):
    uri, params = await _open(client, tmp_path / "hover.md", TOC_DEFECTS)
    orphan = _by_code(params)["TOC001"]
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=orphan.range.start.line, character=3)))
    assert result.contents.kind == types.MarkupKind.Markdown
    assert "TOC001 toc-entry-without-item" in result.contents.value and "Forkert" in result.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)))
    assert nothing is None


async def test_configuration_and_language_from_the_files_folder(client, tmp_path):
    write(tmp_path / "udvalg" / "referatcheck.toml", 'lang = "en"\nignore = ["TOC003"]\n')
    uri, params = await _open(client, tmp_path / "udvalg" / "referat.md", TOC_DEFECTS)
    found = _by_code(params)
    assert "TOC003" not in found and found["TOC001"].message.startswith("The table of contents lists")
    write(tmp_path / "brudt" / "referatcheck.toml", 'select = ["TOX"]\n')
    _, params = await _open(client, tmp_path / "brudt" / "referat.md", TOC_DEFECTS)
    [error] = params.diagnostics
    assert error.code == "config" and "unknown code or prefix 'TOX'" in error.message


async def test_the_client_setting_chooses_the_language(client, tmp_path):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"referatcheck": {"lang": "en"}}))
    try:
        _, params = await _open(client, tmp_path / "engelsk.md", TOC_DEFECTS)
        assert _by_code(params)["TOC001"].message.startswith("The table of contents lists")
    finally:
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"lang": None}))
