"""The `referatcheck` command line.

Exit status: 0 no finding at or above the fail level, 1 findings, 2 usage error,
missing path, or a lint that could not run completely. `parse`: 0 when every file was
read, 2 when one could not be (or a path is missing, or a plugin did not load).
"""

from __future__ import annotations

import os
import sys

import click

from referatcheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _inputs(paths: tuple[str, ...], stdin_filename: str | None, settings) -> tuple[list[str], str | None]:
    """The files named (folders expanded) and the name stdin is read as (None: no stdin),
    for `check` and `parse` alike. Every configuration is read before any file, so a bad
    one stops the run at once; a missing path, a loop or bad configuration ends it (2)."""
    from referatcheck.discover import PathError, collect
    from referatcheck.pipeline import ConfigError, check_selectors, configuration_for

    use_stdin = "-" in paths or (not paths and stdin_filename is not None)
    if not paths and not use_stdin:
        _fail("angiv filer eller mapper / give files or folders (or '-' with --stdin-filename)")
    stdin_name = (stdin_filename or "-") if use_stdin else None
    try:
        files = collect([p for p in paths if p != "-"])
    except PathError as exc:
        _fail(str(exc))
    if not files and not use_stdin:  # not an error: an archive may have no minutes yet
        click.echo(f"referatcheck: ingen referater fundet / no minutes found in: {', '.join(paths)}", err=True)
    try:
        check_selectors(settings)
        for path in (*([stdin_name] if use_stdin else []), *files):
            configuration_for(path, settings)
    except ConfigError as exc:
        _fail(str(exc))
    return files, stdin_name


def _fail(message: str) -> "NoReturn":  # noqa: F821
    click.echo(f"referatcheck: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="referatcheck")
def main() -> None:
    """referatcheck — kontrol af kommunale referater (beslutningsprotokoller)."""


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select TOC,TAB --select ATT` → ("TOC", "TAB", "ATT")."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", default="text", show_default=True,
              help="Output format: text, json, json-lines, sarif, junit, github, gitlab (plugins may add more).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True,
              help="Language of messages.")
@click.option("--color/--no-color", default=None, help="Colour text output (default: when a terminal).")
@click.option("--select", multiple=True, callback=_codes, metavar="CODES",
              help="Only these rules (codes, prefixes, families; comma-separated). Replaces the configuration's.")
@click.option("--extend-select", multiple=True, callback=_codes, metavar="CODES", help="Add these rules.")
@click.option("--ignore", multiple=True, callback=_codes, metavar="CODES", help="Leave out these rules.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Use this configuration file for every file instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="warning", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means failure).")
@click.option("--stdin-filename", metavar="NAME",
              help="Read the minutes from stdin (also with the path '-') and report them as NAME.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record today's findings in FILE and exit (0, or 2 if the lint was incomplete).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
              help="Worker processes (default 0: one per core; 1: no workers).")
@click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Where results are cached (default: $REFERATCHECK_CACHE_DIR, else "
                   "$XDG_CACHE_HOME/referatcheck, else ~/.cache/referatcheck).")
@click.option("--no-cache", is_flag=True, help="Lint every file afresh; neither read nor write the cache.")
def check(paths: tuple[str, ...], output_format: str, output: str | None, lang: str, color: bool | None,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          config_file: str | None, isolated: bool, fail_on: str, exit_zero: bool, stdin_filename: str | None,
          baseline_file: str | None, write_baseline_file: str | None, jobs: int, cache_dir: str | None,
          no_cache: bool) -> None:
    """Lint minutes files (directories: every *.md, *.markdown, *.txt, *.docx, *.pdf, *.html and *.htm below them; '-': stdin)."""
    from referatcheck.baseline import BaselineError, apply_baseline, write_baseline
    from referatcheck.pipeline import RunSettings, lint_file
    from referatcheck.plugins import load_plugins
    from referatcheck.reporters import ReportOptions, available, get_reporter

    extra = load_plugins().reporters()
    if output_format not in available(extra):
        _fail(f"ukendt format '{output_format}' / unknown format; vælg / choose: {', '.join(available(extra))}")
    if baseline_file and write_baseline_file:
        _fail("--baseline og --write-baseline kan ikke bruges sammen / cannot be used together")
    settings = RunSettings(select=select, ignore=ignore, extend_select=extend_select, config_file=config_file,
                           isolated=isolated, keep_documents=output_format == "html")
    files, stdin_name = _inputs(paths, stdin_filename, settings)

    results = []
    if stdin_name is not None:
        results.append(lint_file(stdin_name, sys.stdin.buffer.read(), settings))
    results.extend(_lint_files(files, settings, jobs=jobs, cache_dir=cache_dir, use_cache=not no_cache))

    try:
        if write_baseline_file:
            count = write_baseline(write_baseline_file, results)
            click.echo(f"referatcheck: {count} fund skrevet til / findings written to {write_baseline_file}", err=True)
            sys.exit(EXIT_ERROR if any(r.incomplete for r in results) else EXIT_CLEAN)
        if baseline_file:
            results = apply_baseline(baseline_file, results)
    except BaselineError as exc:
        _fail(str(exc))

    if color is None:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = ReportOptions(lang=lang, color=bool(color) and output_format == "text" and output is None,
                            fail_on=fail_on)
    text = get_reporter(output_format, extra)(results, options)
    if output is None:
        # click strips ANSI codes when stdout is not a terminal, unless colour was asked for.
        click.echo(text, nl=False, color=True if options.color else None)
    else:
        try:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")
    sys.exit(exit_status(results, fail_on, exit_zero))


def exit_status(results, fail_on: str = "warning", exit_zero: bool = False) -> int:
    """2 when a lint was incomplete (whatever else is asked); else 1 for a finding at or
    above ``fail_on`` unless ``exit_zero``; else 0."""
    from referatcheck.reporters import fails

    if any(r.incomplete for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    failing = any(fails(d.severity.value, fail_on) for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _lint_files(files: list[str], settings, jobs: int = 0, cache_dir: str | None = None,
                use_cache: bool = True) -> list:
    """Read and lint the files, in worker processes and through the cache (referatcheck.runner).

    A file that cannot be read is an RC003 finding (exit status 2), not the end of the run.
    """
    from referatcheck.runner import lint_paths

    return lint_paths(files, settings, jobs=jobs or None, cache_dir=cache_dir, use_cache=use_cache)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: an indented tree with line numbers; json: the outline (version 1).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Use this configuration file (its section names) for every file instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", metavar="NAME",
              help="Read the minutes from stdin (also with the path '-') and show them as NAME.")
def parse(paths: tuple[str, ...], output_format: str, config_file: str | None, isolated: bool,
          stdin_filename: str | None) -> None:
    """Show what referatcheck understood of minutes: head, TOC, items, sections, unread parts.

    Reads files as `check` does (directories: every *.md, *.markdown, *.txt, *.docx,
    *.pdf, *.html and *.htm below them; '-': stdin). Exit status 0 when every file was read, 2 when one could not be.
    """
    import json

    from referatcheck.outline import outlines, read_bytes, read_file, render_tree
    from referatcheck.pipeline import RunSettings

    settings = RunSettings(config_file=config_file, isolated=isolated)
    files, stdin_name = _inputs(paths, stdin_filename, settings)
    results = [read_bytes(stdin_name, sys.stdin.buffer.read(), settings)] if stdin_name is not None else []
    results.extend(read_file(path, settings) for path in files)

    documents, errors, failed = [], [], False
    plugin_failures: set[str] = set()
    for result in results:
        for diagnostic in result.diagnostics:
            if diagnostic.code == "RC001":  # a plugin that did not load: say so once, not per file
                if diagnostic.message.en not in plugin_failures:
                    plugin_failures.add(diagnostic.message.en)
                    click.echo(f"referatcheck: {_both(diagnostic.message)}", err=True)
                failed = True
        if result.document is None:
            failed = True
            message = next((d.message for d in result.diagnostics if d.code.startswith("RC")), None)
            line = f"{result.path}: {_both(message)}" if message else f"{result.path}: ulæselig / unreadable"
            click.echo(f"referatcheck: {line}", err=True)
            errors.append({"path": result.path, "message": message.en if message else "unreadable"})
        else:
            documents.append(result.document)

    if output_format == "json":
        click.echo(json.dumps(outlines(documents, errors), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_tree(d) for d in documents), nl=False)
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


def _both(message) -> str:
    """A Danish/English message on one line: `Filen kan ikke … / The file cannot …: reason`."""
    da_head, _, da_rest = message.da.partition(": ")
    en_head, _, en_rest = message.en.partition(": ")
    text = f"{da_head} / {en_head}: {da_rest}" if da_rest and da_rest == en_rest else f"{message.da} / {message.en}"
    return " ".join(text.split())  # one line, whatever an exception's text held


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
             "summary": r.doc.summary(lang), "why": r.doc.why(lang), "wrong": r.doc.wrong, "right": r.doc.right,
             "options": dict(r.options)} for r in rules
        ], ensure_ascii=False, indent=2, default=_json_value))
        return
    for r in rules:
        click.echo(f"{r.code:<8} {r.severity.value:<8} {r.name:<34} {r.doc.summary(lang)}")


def _json_value(value):
    """Rule option defaults that JSON has no type for (tuples are lists already)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return getattr(value, "pattern", None) or str(value)


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
