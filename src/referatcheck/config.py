"""Configuration files: where they are, what they say, and whether it makes sense.

A file's configuration is the nearest one found walking up from the file's folder:
`.referatcheck.toml`, `referatcheck.toml`, or a `pyproject.toml` with a
`[tool.referatcheck]` table (in that order within one folder; a `pyproject.toml`
without the table is passed over). The nearest file wins whole; files further up are
not merged in (as in ruff).

```toml
[tool.referatcheck]
select = ["TOC", "TAB"]          # codes, prefixes, families, rule names or "ALL"
extend-select = ["ATT003"]
ignore = ["TOC005"]

[tool.referatcheck.per-file-ignores]
"arkiv/2019/**" = ["TAB"]        # globs relative to this file's folder

[tool.referatcheck.severity]
TOC003 = "error"                 # error | warning | info: its errors and warnings
TAB001 = { info = "warning" }    # per reported severity: rounding infos as warnings

[tool.referatcheck.options.TAB]  # options per code or family, as the rules declare them
tolerance = "strict"

[tool.referatcheck.section-names]
"Direktionens indstilling" = "recommendation"

timeout = 60                     # seconds a file may take (per MB above 1 MB); 0: no limit

[tool.referatcheck.vocabulary]   # what this municipality's minutes call things
toc-headings = ["Sagsliste"]
artefacts = ["Tilbage til forsiden"]

[tool.referatcheck.vocabulary.head-labels]
"Mødelokale/sted" = "place"      # date | time | start | end | place | committee | members | absent …
```

`extend = "../fælles/referatcheck.toml"` builds on another configuration file (relative
to this one's folder; `~` is the home folder), as ruff's `extend` does: the rule
selection of the file extended applies first and this file's `select`/`extend-select`/
`ignore` over it (a `select` here starts afresh); tables (`per-file-ignores`,
`severity`, `options`, `section-names`, `vocabulary`) are merged, this file's entries
winning; `lang` is this file's if it has one. The file extended may itself extend
another; a loop is an error. Its `per-file-ignores` globs stay relative to its own folder.

`lang = "en"` makes English the language of messages where the command line does not
choose (`check` without `--lang`, from the configuration of the working directory; the
language server, per file).

Everything is checked when the file is read: an unknown key, an unknown code, a bad
glob or a value of the wrong type is a :class:`ConfigError` naming the file and the key.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from attrs import field, frozen

from referatcheck.diagnostic import Severity
from referatcheck.model import SectionKind
from referatcheck.selection import RuleSet, known_rules

# Within one folder the first of these that holds a configuration wins.
CONFIG_FILES = (".referatcheck.toml", "referatcheck.toml", "pyproject.toml")

_SELECTOR_LISTS = ("select", "extend-select", "ignore")
_TABLES = ("per-file-ignores", "severity", "options", "section-names", "vocabulary")
_SCALARS = ("timeout",)
KEYS = ("extend", "lang", *_SELECTOR_LISTS, *_SCALARS, *_TABLES)
LANGUAGES = ("da", "en")
_LEVELS = frozenset(s.value for s in Severity)

# A severity override: one severity, or (reported, shown) pairs.
SeverityOverride = Severity | tuple[tuple[Severity, Severity], ...]


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming file and key."""


@frozen
class PerFileIgnore:
    pattern: str
    regex: re.Pattern[str]
    selectors: tuple[str, ...]
    root: str = ""  # the folder the glob is relative to: that of the file that says it


@frozen
class Config:
    """One configuration file's settings (or the defaults, when ``path`` is None).

    Two configs are equal when they come from the same file with the same content,
    so results and linters can be cached per config.
    """

    path: str | None = None
    root: str = ""  # the folder globs are relative to
    digest: str = ""  # of the file's bytes
    select: tuple[str, ...] | None = field(default=None, eq=False)
    extend_select: tuple[str, ...] = field(default=(), eq=False)
    ignore: tuple[str, ...] = field(default=(), eq=False)
    per_file_ignores: tuple[PerFileIgnore, ...] = field(default=(), eq=False)
    # `[severity]`: a severity for the rule's errors and warnings (and the infos of an
    # info rule), or explicit pairs (reported → shown); see pipeline.severity_map.
    severity: tuple[tuple[str, SeverityOverride], ...] = field(default=(), eq=False)
    options: tuple[tuple[str, Mapping[str, Any]], ...] = field(default=(), eq=False)
    section_names: tuple[tuple[str, SectionKind], ...] = field(default=(), eq=False)
    # `[tool.referatcheck.vocabulary]`: head labels (label → role), TOC headings, artefacts.
    vocabulary: tuple[tuple[str, Any], ...] = field(default=(), eq=False)
    # `timeout`: seconds one file may take (per MB for larger files); None: the default.
    timeout: float | None = field(default=None, eq=False)
    lang: str | None = field(default=None, eq=False)
    extend: str | None = field(default=None, eq=False)  # the file extended, absolute
    # The rule selections of the files extended, the furthest first: `(select, extend-select,
    # ignore)` layers applied before this file's own (pipeline._enabled).
    base_layers: tuple = field(default=(), eq=False)

    @property
    def layers(self) -> tuple:
        """Every rule-selection layer of this configuration, the files it extends first."""
        return (*self.base_layers, (self.select, self.extend_select, self.ignore))

    def ignored_by_path(self, path: str) -> tuple[str, ...]:
        """The selectors `per-file-ignores` switches off for ``path``."""
        if not self.per_file_ignores:
            return ()
        found: list[str] = []
        for entry in self.per_file_ignores:
            if any(entry.regex.match(c) for c in _match_paths(path, entry.root or self.root)):
                found.extend(entry.selectors)
        return tuple(found)


def default_config(root: str | None = None) -> Config:
    return Config(root=root if root is not None else os.getcwd())


# ---- discovery --------------------------------------------------------------------


def config_for(path: str, explicit: str | None = None, isolated: bool = False) -> Config:
    """The configuration that applies to the file ``path`` (which need not exist: stdin)."""
    if isolated:
        return default_config()
    if explicit is not None:
        return load_config(explicit, required=True)
    folder = Path(os.path.abspath(path)).parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                config = load_config(str(candidate))
                if config is not None:
                    return config
    return default_config()


def load_config(path: str, required: bool = False) -> Config | None:
    """Read one configuration file (None: a pyproject.toml without our table), with the files
    it extends merged in."""
    config = _load_one(path, required)
    return _with_bases(config, (config.path,)) if config is not None else None


def _load_one(path: str, required: bool) -> Config | None:
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise ConfigError(f"{path}: kan ikke læses / cannot be read: {exc.strerror or exc}") from None
    config = _load(os.path.abspath(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    if config is None and required:
        raise ConfigError(f"{path}: ingen [tool.referatcheck]-tabel / no [tool.referatcheck] table")
    return config


def _with_bases(config: Config, chain: tuple[str, ...]) -> Config:
    """``config`` merged over the files it extends (each read afresh: an edit of a base counts)."""
    if config.extend is None:
        return config
    key = "tool.referatcheck.extend" if os.path.basename(config.path) == "pyproject.toml" else "extend"
    if config.extend in chain:
        loop = " → ".join((*chain, config.extend))
        raise ConfigError(f"{config.path}: {key}: filerne udvider hinanden i ring / the files extend each other "
                          f"in a loop: {loop}")
    try:
        base = _load_one(config.extend, required=True)
    except ConfigError as exc:
        raise ConfigError(f"{config.path}: {key}: {exc}") from None
    return merge(_with_bases(base, (*chain, config.extend)), config)


def merge(base: Config, config: Config) -> Config:
    """``config`` over ``base`` (see the module docstring for what wins)."""
    digest = hashlib.sha256(f"{base.digest}\n{config.digest}".encode()).hexdigest()
    severity = {selector: level for selector, level in base.severity}
    severity.update(config.severity)
    options: dict[str, dict] = {}
    for selector, values in (*base.options, *config.options):
        options[selector] = {**options.get(selector, {}), **values}
    return Config(
        path=config.path, root=config.root, digest=digest,
        select=config.select, extend_select=config.extend_select, ignore=config.ignore,
        per_file_ignores=(*base.per_file_ignores, *config.per_file_ignores),
        # The most specific selector wins (pipeline._most_specific); on a tie, the first: this file's.
        severity=(*config.severity, *((s, v) for s, v in base.severity if s not in dict(config.severity))),
        options=tuple(options.items()),
        section_names=(*base.section_names, *config.section_names),
        vocabulary=_merged_vocabulary(base.vocabulary, config.vocabulary),
        lang=config.lang or base.lang,
        extend=config.extend,
        base_layers=base.layers,
    )


def _merged_vocabulary(base: tuple, config: tuple) -> tuple:
    merged: dict[str, Any] = {}
    for name, value in (*base, *config):
        if name == "head-labels":
            merged[name] = tuple({**dict(merged.get(name, ())), **dict(value)}.items())
        else:
            merged[name] = (*merged.get(name, ()), *value)
    return tuple(merged.items())


@lru_cache(maxsize=64)
def _load(path: str, _mtime: int, _size: int, _inode: int) -> Config | None:
    # The stat values are part of the key only: an edited file is read again.
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: kan ikke læses / cannot be read: {exc.strerror or exc}") from None
    import tomllib  # here: a run without a configuration file never parses TOML

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: er ikke UTF-8 / is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: ugyldig TOML / invalid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        tool = document.get("tool")
        if not isinstance(tool, dict) or "referatcheck" not in tool:
            return None
        table, where = tool["referatcheck"], "tool.referatcheck"
    else:
        table, where = document, ""
    digest = hashlib.sha256(data).hexdigest()
    return _Reader(path, where, known_rules()).config(table, digest)


def configured_lang(settings_config_file: str | None = None, isolated: bool = False) -> str | None:
    """The `lang` of the configuration that applies in the working directory (or of
    ``settings_config_file``), None when it says none."""
    return config_for(os.path.join(os.getcwd(), "referat.md"), settings_config_file, isolated).lang


# ---- reading and checking ------------------------------------------------------------


class _Reader:
    """Turns a TOML table into a :class:`Config`, raising a ConfigError on the first problem."""

    def __init__(self, path: str, where: str, rules: RuleSet) -> None:
        self.path, self.where, self.rules = path, where, rules

    def fail(self, key: str, da: str, en: str) -> ConfigError:
        name = ".".join(part for part in (self.where, key) if part) or "(top)"
        return ConfigError(f"{self.path}: {name}: {da} / {en}")

    def config(self, table: Any, digest: str) -> Config:
        if not isinstance(table, dict):
            raise self.fail("", "skal være en tabel", "must be a table")
        values: dict[str, Any] = {}
        for raw_key, value in table.items():
            key = raw_key.replace("_", "-")
            if key not in KEYS:
                import difflib

                hint = difflib.get_close_matches(key, KEYS, n=1)
                tip = f" (mente du / did you mean '{hint[0]}'?)" if hint else ""
                raise self.fail(raw_key, f"ukendt nøgle{tip}", f"unknown key; known: {', '.join(KEYS)}")
            values[key] = (raw_key, value)
        lists = {k: self.selectors(*values[k]) for k in _SELECTOR_LISTS if k in values}
        return Config(
            lang=self.lang(*values["lang"]) if "lang" in values else None,
            extend=self.extend(*values["extend"]) if "extend" in values else None,
            path=self.path,
            root=os.path.dirname(self.path),
            digest=digest,
            select=lists.get("select"),
            extend_select=lists.get("extend-select", ()),
            ignore=lists.get("ignore", ()),
            per_file_ignores=self.per_file_ignores(*values["per-file-ignores"]) if "per-file-ignores" in values else (),
            severity=self.severity(*values["severity"]) if "severity" in values else (),
            options=self.options(*values["options"]) if "options" in values else (),
            section_names=self.section_names(*values["section-names"]) if "section-names" in values else (),
            vocabulary=self.vocabulary(*values["vocabulary"]) if "vocabulary" in values else (),
            timeout=self.timeout(*values["timeout"]) if "timeout" in values else None,
        )

    def timeout(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self.fail(key, "skal være et antal sekunder (0: ingen grænse)",
                            "must be a number of seconds (0: no limit)")
        return float(value)

    def lang(self, key: str, value: Any) -> str:
        if value not in LANGUAGES:
            raise self.fail(key, "skal være \"da\" eller \"en\"", "must be \"da\" or \"en\"")
        return value

    def extend(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "skal være stien til en konfigurationsfil", "must be the path of a configuration file")
        path = os.path.expanduser(value)
        return os.path.abspath(os.path.join(os.path.dirname(self.path), path))

    def selectors(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "skal være en liste af koder", "must be a list of codes, e.g. [\"TOC\", \"TAB001\"]")
        for selector in value:
            self.known(key, selector)
        return tuple(v.strip() for v in value)

    def known(self, key: str, selector: str) -> None:
        if not self.rules.known(selector):
            raise self.fail(
                key, f"ukendt kode eller præfiks '{selector}'",
                f"unknown code or prefix '{selector}' (see `referatcheck rules`)",
            )

    def table(self, key: str, value: Any) -> dict:
        if not isinstance(value, dict):
            raise self.fail(key, "skal være en tabel", "must be a table")
        return value

    def per_file_ignores(self, key: str, value: Any) -> tuple[PerFileIgnore, ...]:
        entries = []
        for pattern, selectors in self.table(key, value).items():
            sub = f"{key}.\"{pattern}\""
            try:
                regex = compile_glob(pattern)
            except ValueError as exc:
                raise self.fail(sub, f"ugyldigt glob-mønster ({exc})", f"bad glob pattern ({exc})") from None
            entries.append(PerFileIgnore(pattern, regex, self.selectors(sub, selectors), root=os.path.dirname(self.path)))
        return tuple(entries)

    def severity(self, key: str, value: Any) -> tuple[tuple[str, SeverityOverride], ...]:
        """`TAB001 = "warning"`, or per reported severity `TAB001 = { info = "warning" }`."""
        out = []
        for selector, level in self.table(key, value).items():
            sub = f"{key}.{selector}"
            self.known(sub, selector)
            if isinstance(level, dict):
                pairs = []
                for found, shown in level.items():
                    if found not in _LEVELS:
                        raise self.fail(f"{sub}.{found}", "skal være error, warning eller info",
                                        "must be error, warning or info (the severity a rule reports)")
                    pairs.append((Severity(found), self.level(f"{sub}.{found}", shown)))
                out.append((selector, tuple(pairs)))
            else:
                out.append((selector, self.level(sub, level)))
        return tuple(out)

    def level(self, key: str, level: Any) -> Severity:
        if not isinstance(level, str) or level not in _LEVELS:
            raise self.fail(key, "skal være \"error\", \"warning\" eller \"info\"",
                            "must be \"error\", \"warning\" or \"info\"")
        return Severity(level)

    def options(self, key: str, value: Any) -> tuple[tuple[str, Mapping[str, Any]], ...]:
        out = []
        for selector, settings in self.table(key, value).items():
            sub = f"{key}.{selector}"
            self.known(sub, selector)
            declared: dict[str, Any] = {}
            for code in self.rules.matches(selector):
                for name, default in self.rules.rules[code].options.items():
                    declared.setdefault(name, default)
            checked = {}
            for raw_name, option in self.table(sub, settings).items():
                name = raw_name.replace("-", "_")
                if name not in declared:
                    known = ", ".join(sorted(declared)) or "ingen / none"
                    raise self.fail(f"{sub}.{raw_name}", "ukendt regelindstilling",
                                    f"unknown rule option; options of {selector}: {known}")
                checked[name] = self.option_value(f"{sub}.{raw_name}", name, declared[name], option)
            out.append((selector, checked))
        return tuple(out)

    def option_value(self, key: str, name: str, default: Any, value: Any) -> Any:
        """``value`` checked against the type of the rule's default."""
        if isinstance(value, list):
            value = tuple(value)
        if default is not None:
            expected_da, expected_en = _type_name(default)
            ok = (
                isinstance(value, bool) if isinstance(default, bool)
                else isinstance(value, (int, float)) and not isinstance(value, bool) if isinstance(default, float)
                else isinstance(value, int) and not isinstance(value, bool) if isinstance(default, int)
                else isinstance(value, tuple) if isinstance(default, (tuple, list, frozenset, set))
                else isinstance(value, dict) if isinstance(default, Mapping)
                else isinstance(value, type(default))
            )
            if ok and isinstance(default, (tuple, list, frozenset, set)) and default:
                element = next(iter(default))
                ok = all(isinstance(v, type(element)) for v in value)
            if not ok:
                raise self.fail(key, f"skal være {expected_da}", f"must be {expected_en}")
            if isinstance(default, float):
                value = float(value)
        # By convention an option named *_pattern is a regular expression.
        if name.endswith("_pattern") and isinstance(value, str):
            try:
                re.compile(value)
            except re.error as exc:
                raise self.fail(key, f"ugyldigt regulært udtryk ({exc})", f"bad regular expression ({exc})") from None
        return value

    def section_names(self, key: str, value: Any) -> tuple[tuple[str, SectionKind], ...]:
        kinds = [k.value for k in SectionKind]
        out = []
        for heading, kind in self.table(key, value).items():
            if not isinstance(kind, str) or kind not in kinds:
                raise self.fail(f"{key}.\"{heading}\"", f"afsnitstypen skal være en af {', '.join(kinds)}",
                                f"the section kind must be one of {', '.join(kinds)}")
            out.append((heading, SectionKind(kind)))
        return tuple(out)


    def vocabulary(self, key: str, value: Any) -> tuple[tuple[str, Any], ...]:
        from referatcheck.vocabulary import ROLES

        out = []
        for name, entry in self.table(key, value).items():
            where = f"{key}.{name}"
            if name == "head-labels":
                labels = self.table(where, entry)
                for label, role in labels.items():
                    if role not in ROLES:
                        raise self.fail(f"{where}.\"{label}\"", f"rollen skal være en af {', '.join(sorted(ROLES))}",
                                        f"the role must be one of {', '.join(sorted(ROLES))}")
                out.append((name, tuple(labels.items())))
            elif name in ("toc-headings", "artefacts"):
                if not isinstance(entry, list) or not all(isinstance(v, str) for v in entry):
                    raise self.fail(where, "skal være en liste af tekster", "must be a list of strings")
                out.append((name, tuple(entry)))
            else:
                raise self.fail(where, "ukendt nøgle (head-labels, toc-headings, artefacts)",
                                "unknown key (head-labels, toc-headings, artefacts)")
        return tuple(out)


def _type_name(default: Any) -> tuple[str, str]:
    """The kind of value an option takes, in Danish and English."""
    if isinstance(default, bool):
        return "true/false", "true/false"
    if isinstance(default, (int, float)):
        return "et tal", "a number"
    if isinstance(default, str):
        return "en tekst", "a string"
    if isinstance(default, (tuple, list, frozenset, set)):
        return "en liste" + (f" af {_type_name(next(iter(default)))[0]}" if default else ""), \
            "a list" + (f" of {_type_name(next(iter(default)))[1]}" if default else "")
    if isinstance(default, Mapping):
        return "en tabel", "a table"
    return type(default).__name__, type(default).__name__


# ---- globs ------------------------------------------------------------------------------


def compile_glob(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob as a regular expression over `/`-separated relative paths.

    `*` and `?` stay inside one folder, `**` spans folders, `[abc]` / `[!abc]` are
    classes; a pattern without `/` matches a file name in any folder.
    """
    text = pattern.strip()
    if text.startswith("./"):
        text = text[2:]
    text = text.lstrip("/")
    if not text:
        raise ValueError("tomt / empty")
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "*":
            if text.startswith("**", i):
                if i + 2 < n and text[i + 2] == "/":
                    out.append("(?:[^/]*/)*")  # zero or more whole folders
                    i += 3
                else:
                    out.append(".*")
                    i += 2
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            start = i + 1
            if start < n and text[start] in "!^":
                start += 1
            if start < n and text[start] == "]":
                start += 1
            end = text.find("]", start)
            if end == -1:
                raise ValueError("'[' uden ']' / '[' without ']'")
            body = text[i + 1:end]
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\").replace("[", "\\[") + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    regex = "".join(out)
    if "/" not in text:
        regex = "(?:[^/]*/)*" + regex
    try:
        return re.compile(regex + r"\Z")
    except re.error as exc:
        raise ValueError(str(exc)) from None


def _match_paths(path: str, root: str) -> list[str]:
    """``path`` as globs see it: relative to ``root`` when inside it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root) if root else absolute
    except ValueError:  # another drive
        relative = absolute
    if relative.startswith(".."):
        relative = absolute
    return [Path(relative).as_posix().lstrip("/")]
