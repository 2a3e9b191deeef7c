"""The `referatcheck` command line.

Exit status: 0 no finding at or above the fail level, 1 findings, 2 usage error,
missing path, or a lint that could not run completely, 130 interrupted (Ctrl-C). `parse`:
0 when every file was read, 2 when one could not be (or a path is missing, or a plugin
did not load).
"""

from __future__ import annotations

import gc
import os
import sys

import click

from referatcheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped with Ctrl-C


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


class _Commands(click.Group):
    """The first Ctrl-C ends any command at once: workers are stopped (the runner's
    `finally`), nothing more is written, one line on stderr, exit status 130. (click
    itself would print "Aborted!" and exit 1, the status of "findings".)"""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nreferatcheck: afbrudt / interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="referatcheck")
def main() -> None:
    """referatcheck — kontrol af kommunale referater (beslutningsprotokoller)."""
    # The collector's default pace (a pass every 700 new objects) cost about 9 % of a lint
    # and of start-up: imports and parses make many small objects that live as long as
    # their module or document. A pass every 10,000 is enough.
    gc.set_threshold(10_000, 10, 10)


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select TOC,TAB --select ATT` → ("TOC", "TAB", "ATT")."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "--output-format", "output_format", default="text", show_default=True,
              help="Output format: text, json, json-lines, sarif, junit, github, gitlab (plugins may add more).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--lang", type=click.Choice(["da", "en"]), default=None,
              help="Language of messages [default: the configuration's `lang`, else da].")
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
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files (.md, .markdown, .txt); report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (with --fix, --diff) and mark the unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (exit 1 if there are any).")
@click.option("--statistics", is_flag=True, help="Print how many findings of each code instead of the findings.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and nothing else (no summary lines).")
@click.option("--watch", is_flag=True, help="Check again whenever the minutes or a configuration file change.")
@click.option("--timeout", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Time one file may take (per MB above 1 MB) before the rule or plugin running is stopped "
                   "and named (RC010); 0: no limit. Default: the configuration's `timeout`, else 60.")
def check(paths: tuple[str, ...], output_format: str, output: str | None, lang: str, color: bool | None,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          config_file: str | None, isolated: bool, fail_on: str, exit_zero: bool, stdin_filename: str | None,
          baseline_file: str | None, write_baseline_file: str | None, jobs: int, cache_dir: str | None,
          no_cache: bool, fix: bool, unsafe_fixes: bool, diff: bool, statistics: bool, quiet: bool,
          watch: bool, timeout: float | None) -> None:
    """Lint minutes files (directories: every *.md, *.markdown, *.txt, *.docx, *.pdf, *.html and *.htm below them; '-': stdin)."""
    from referatcheck import cachedir
    from referatcheck.baseline import BaselineError, apply_baseline, write_baseline
    from referatcheck.pipeline import RunSettings, lint_file
    from referatcheck.reporters import BUILTIN, QUOTES_FINDING_LINES_ONLY, ReportOptions, available, get_reporter

    # Every cache of the run (results, grammar tables, installed plugins) goes there, or nowhere.
    cachedir.use(cache_dir, enabled=not no_cache)
    # Plugins are loaded for a format they add; a built-in one needs none (a warm run loads no plugin).
    extra = {} if output_format in BUILTIN else _plugin_reporters()
    if output_format not in available(extra):
        _fail(f"ukendt format '{output_format}' / unknown format; vælg / choose: {', '.join(available(extra))}")
    if baseline_file and write_baseline_file:
        _fail("--baseline og --write-baseline kan ikke bruges sammen / cannot be used together")
    _check_combinations(paths, stdin_filename, output_format, fix=fix, diff=diff, statistics=statistics,
                        watch=watch, write_baseline=bool(write_baseline_file))
    if lang is None:
        lang = _configured_lang(config_file, isolated)
    settings = RunSettings(select=select, ignore=ignore, extend_select=extend_select, config_file=config_file,
                           isolated=isolated, keep_documents=output_format == "html", timeout=timeout)
    if watch:
        from referatcheck.watch import watch as watch_files

        _inputs(paths, stdin_filename, settings)  # a missing path or a bad configuration ends it before it starts
        params = dict(click.get_current_context().params, watch=False, lang=lang)
        sys.exit(watch_files(paths, lambda: _status_of(check.callback, params), lang=lang, quiet=quiet,
                             extra_files=[config_file] if config_file else ()))
    files, stdin_name = _inputs(paths, stdin_filename, settings)

    results = []
    stdin = None
    if stdin_name is not None:
        stdin = (stdin_name, sys.stdin.buffer.read())
        results.append(lint_file(stdin_name, stdin[1], settings))
    # A report that quotes only the lines of its findings lets the run keep no more of each file.
    results.extend(_lint_files(files, settings, jobs=jobs, cache_dir=cache_dir, use_cache=not no_cache,
                               full_source=output_format not in QUOTES_FINDING_LINES_ONLY))

    if fix or diff:
        from referatcheck.fixrun import apply_fixes

        run = apply_fixes(results, settings, unsafe=unsafe_fixes, write=fix, stdin=stdin)
        for problem in run.problems:
            click.echo(f"referatcheck: ikke rettet / not fixed: {problem}", err=True)
        if diff:
            sys.exit(_print_diffs(run, lang, quiet))
        results = list(run.results)
        if stdin is not None:  # editors: the fixed text on stdout, the report on stderr
            fixed = next((o.fixed for o in run.outcomes if o.path == stdin_name), stdin[1])
            sys.stdout.buffer.write(fixed)
            sys.stdout.flush()

    try:
        if write_baseline_file:
            count = write_baseline(write_baseline_file, results)
            click.echo(f"referatcheck: {count} fund skrevet til / findings written to {write_baseline_file}", err=True)
            sys.exit(EXIT_ERROR if any(r.incomplete for r in results) else EXIT_CLEAN)
        if baseline_file:
            results = apply_baseline(baseline_file, results)
    except BaselineError as exc:
        _fail(str(exc))

    to_stderr = fix and stdin is not None and output is None  # stdout holds the fixed text
    if color is None:
        color = output is None and not to_stderr and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = ReportOptions(lang=lang, color=bool(color) and output_format == "text" and output is None,
                            fail_on=fail_on, unsafe_fixes=unsafe_fixes, quiet=quiet)
    if statistics:
        from referatcheck.statistics import render

        text = render(results, output_format, unsafe=unsafe_fixes)
    else:
        text = get_reporter(output_format, extra)(results, options)
    if output is None:
        _emit(text, options.color, err=to_stderr)
    else:
        from referatcheck.atomic import write_text_atomically

        try:
            write_text_atomically(output, text)  # the previous report stays whole until this one is
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")
    if fix and not quiet:  # after the report, as ruff says it; on stderr when stdout is not for people
        remaining = sum(len(r.diagnostics) for r in results)
        click.echo(_fixed_line(run.fixed, remaining, lang), err=output_format != "text" or output is not None
                   or to_stderr)
    status = exit_status(results, fail_on, exit_zero)
    sys.exit(EXIT_ERROR if fix and run.write_failed else status)


def _check_combinations(paths, stdin_filename, output_format: str, *, fix: bool, diff: bool, statistics: bool,
                        watch: bool, write_baseline: bool) -> None:
    """Options that cannot go together end the run (2) with one line saying so."""
    if fix and diff:
        _fail("--fix og --diff kan ikke bruges sammen (--diff skriver intet) / --fix and --diff cannot be used "
              "together (--diff writes nothing)")
    if write_baseline and (fix or diff):
        _fail("--write-baseline kan ikke bruges med --fix eller --diff / cannot be used with --fix or --diff")
    if statistics and output_format not in ("text", "json"):
        _fail("--statistics skrives som text eller json / --statistics is written as text or json")
    if watch:
        if "-" in paths or stdin_filename is not None:
            _fail("--watch kan ikke overvåge standard input / --watch cannot watch standard input")
        if fix or diff or write_baseline:
            _fail("--watch kan ikke bruges med --fix, --diff eller --write-baseline (filen ændres, mens den "
                  "redigeres) / --watch cannot be used with --fix, --diff or --write-baseline")


def _configured_lang(config_file: str | None, isolated: bool) -> str:
    """`lang` of the configuration in the working directory (or `--config`), else Danish."""
    from referatcheck.config import ConfigError, configured_lang

    try:
        return configured_lang(config_file, isolated) or "da"
    except ConfigError as exc:
        _fail(str(exc))


def _status_of(command, params: dict) -> int:
    """Run ``command`` (the check itself, for `--watch`) and return its exit status."""
    try:
        command(**params)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    return EXIT_CLEAN


def _fixed_line(fixed: int, remaining: int, lang: str) -> str:
    if lang == "en":
        return f"Fixed {fixed} finding(s); {remaining} remaining."
    return f"Rettede {fixed} fund; {remaining} tilbage."


def _print_diffs(run, lang: str, quiet: bool) -> int:
    """`--diff`: every change as a unified diff on stdout; 1 when there is one, else 0 (2: a lint was incomplete)."""
    from referatcheck.fixrun import unified_diff

    changed = [o for o in run.outcomes if o.changed]
    for outcome in changed:
        click.echo(unified_diff(outcome.path, outcome.original, outcome.fixed), nl=False)
    if not quiet:
        would = sum(o.fixed_count for o in changed)
        click.echo(f"Would fix {would} finding(s)." if lang == "en" else f"Ville rette {would} fund.", err=True)
    if any(r.incomplete for r in run.results):
        return EXIT_ERROR
    return EXIT_FINDINGS if changed else EXIT_CLEAN


def _plugin_reporters() -> dict:
    from referatcheck.plugins import load_plugins

    return load_plugins().reporters()


def _emit(text: str, color: bool, err: bool = False) -> None:
    """Write the report to stdout (stderr with ``err``) whole: a Ctrl-C while it is being
    written takes effect after it (exit 130), so a reader never gets half a report."""
    import signal
    import threading

    blocking = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if blocking:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        # click strips ANSI codes when stdout is not a terminal, unless colour was asked for.
        click.echo(text, nl=False, color=True if color else None, err=err)
        (sys.stderr if err else sys.stdout).flush()
    finally:
        if blocking:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


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
                use_cache: bool = True, full_source: bool = True) -> list:
    """Read and lint the files, in worker processes and through the cache (referatcheck.runner).

    A file that cannot be read is an RC003 finding (exit status 2), not the end of the run.
    """
    from referatcheck.runner import lint_paths

    return lint_paths(files, settings, jobs=jobs or None, cache_dir=cache_dir, use_cache=use_cache,
                      full_source=full_source)


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
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the rule reference (docs/rules.md), in Danish and English.")
def list_rules(lang: str, output_format: str) -> None:
    """List every rule: code, severity and summary."""
    from referatcheck.catalog import all_rules, rules_markdown

    rules = all_rules()
    if output_format == "markdown":
        click.echo(rules_markdown(rules), nl=False)
    elif output_format == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
             "summary": r.doc.summary(lang), "why": r.doc.why(lang), "wrong": r.doc.wrong, "right": r.doc.right,
             "options": dict(r.options), "fix": r.fixable.value if r.fixable is not None else None} for r in rules
        ], ensure_ascii=False, indent=2, default=_json_value))
    else:
        for r in rules:
            click.echo(f"{r.code:<8} {r.severity.value:<8} {r.name:<34} {r.doc.summary(lang)}")
    _plugin_failures()


def _plugin_failures() -> None:
    """A plugin that did not load: its rules are missing from the list, so say so on
    stderr and exit 2 (the list is incomplete), after the list itself."""
    from referatcheck.plugins import load_plugins

    failures = load_plugins().failures
    for failure in failures:
        click.echo(f"referatcheck: plugin '{failure.name}' ({failure.target}) kunne ikke indlæses / could not be "
                   f"loaded: {' '.join(failure.error.split())}", err=True)
    if failures:
        sys.exit(EXIT_ERROR)


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
        _plugin_failures()  # the rule may be a plugin's that did not load
        _fail(f"ukendt regel / unknown rule: {code}")
    click.echo(explain_text(rule, lang))


@main.command()
def server() -> None:
    """Start the language server for editors (LSP over stdin/stdout; needs the lsp extra)."""
    try:
        from referatcheck.lspserver import serve
    except ImportError as exc:
        _fail(f"sprogserveren kræver pygls / the language server needs pygls ({exc}): "
              "pip install 'referatcheck[lsp]'")
    serve()


@main.command()
def schema() -> None:
    """Print the JSON schema of the configuration (for editors: Even Better TOML, Taplo)."""
    from importlib.resources import files

    click.echo(files("referatcheck").joinpath("referatcheck.schema.json").read_text(encoding="utf-8"), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
