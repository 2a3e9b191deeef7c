"""The `referatcheck` command line.

Exit status: 0 no finding at or above the fail level, 1 findings, 2 usage error,
missing path, or a lint that could not run completely.
"""

from __future__ import annotations

import sys

import click

from referatcheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> "NoReturn":  # noqa: F821
    click.echo(f"referatcheck: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="referatcheck")
def main() -> None:
    """referatcheck — kontrol af kommunale referater (beslutningsprotokoller)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", default="text", show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True,
              help="Language of messages.")
@click.option("--color/--no-color", default=None, help="Colour text output (default: when a terminal).")
def check(paths: tuple[str, ...], output_format: str, lang: str, color: bool | None) -> None:
    """Lint minutes files (directories: every *.md and *.txt below them)."""
    from referatcheck.discover import PathError, collect
    from referatcheck.pipeline import RunSettings, lint_file
    from referatcheck.plugins import load_plugins
    from referatcheck.reporters import ReportOptions, available, get_reporter

    extra = load_plugins().reporters()
    if output_format not in available(extra):
        _fail(f"ukendt format '{output_format}' / unknown format; vælg / choose: {', '.join(available(extra))}")
    try:
        files = collect(list(paths))
    except PathError as exc:
        _fail(str(exc))
    results = []
    for path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            _fail(f"{path}: {exc.strerror or exc}")
        results.append(lint_file(path, data, RunSettings()))
    if color is None:
        color = sys.stdout.isatty()
    options = ReportOptions(lang=lang, color=color and output_format == "text")
    click.echo(get_reporter(output_format, extra)(results, options), nl=False)
    if any(r.incomplete for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(d.severity.value in ("error", "warning") for r in results for d in r.diagnostics)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@main.command(name="rules")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(lang: str, output_format: str) -> None:
    """List every rule: code, severity and summary."""
    from referatcheck.catalog import all_rules

    rules = all_rules()
    if output_format == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
             "summary": r.doc.summary(lang)} for r in rules
        ], ensure_ascii=False, indent=2))
        return
    for r in rules:
        click.echo(f"{r.code:<8} {r.severity.value:<8} {r.name:<34} {r.doc.summary(lang)}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True)
def explain(code: str, lang: str) -> None:
    """Show the documentation of one rule (e.g. `referatcheck explain TOC001`)."""
    from referatcheck.catalog import explain_text, find_rule

    rule = find_rule(code)
    if rule is None:
        _fail(f"ukendt regel / unknown rule: {code}")
    click.echo(explain_text(rule, lang))


if __name__ == "__main__":  # pragma: no cover
    main()
