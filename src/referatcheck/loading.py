"""Which reader turns a file's bytes into a Document: a format plugin, or the text reader.

Format plugins are asked one at a time, in pluggy's call order, so that one plugin's
failure costs only the files it reads:

- A plugin that declares its file suffixes (``referatcheck_input_suffixes``) claims
  those files and is asked about no others. When it fails on one of them, the file is
  not read as text (a Word file read as text is noise): it gets RC003 naming the
  plugin. A plugin that raises :class:`UnreadableDocument` says the file itself is
  damaged; its reason is shown as it gave it, in Danish and English.
- A plugin that declares nothing is asked about every file. When it raises (or returns
  something other than a Document), the next plugin and then the built-in text reader
  still read the file, and the file gets RC001 naming the plugin: the lint went on
  without it, so it may be incomplete.
"""

from __future__ import annotations

import errno

from attrs import frozen

from referatcheck.deadline import TimeLimitExceeded
from referatcheck.diagnostic import Message
from referatcheck.model import Document


class UnreadableDocument(Exception):
    """Raised by a format plugin for a file of its format that cannot be read (a damaged
    Word file): the file is reported as unreadable, with this reason, and not as a
    failure of the plugin."""

    def __init__(self, da: str, en: str) -> None:
        super().__init__(en)
        self.da, self.en = da, en


@frozen
class ReaderFailure:
    """A format plugin that failed on one file."""

    plugin: str
    claimed: bool  # the file has a suffix the plugin declared
    reason: Message
    damaged: bool = False  # the plugin said the file is damaged (UnreadableDocument)


@frozen
class Loaded:
    """What the format plugins made of a file: a Document (None: read it as text) and
    the plugins that failed on it."""

    document: Document | None
    failures: tuple[ReaderFailure, ...] = ()

    @property
    def claimed_failure(self) -> ReaderFailure | None:
        """The failure of a plugin whose file this is: then nothing else may read it."""
        return next((f for f in self.failures if f.claimed), None)


def load_with_plugins(plugins, path: str, data: bytes, vocabulary) -> Loaded:
    """Ask the format plugins for ``path`` one by one (see the module docstring)."""
    hook = plugins.manager.hook.referatcheck_load_document
    declared = dict(plugins.input_suffixes)
    name = str(path).lower()
    arguments = {"path": path, "data": data, "vocabulary": vocabulary}
    failures: list[ReaderFailure] = []
    # pluggy calls the implementations registered last first; firstresult stops at a value.
    for impl in reversed(hook.get_hookimpls()):
        suffixes = declared.get(impl.plugin_name)
        claimed = bool(suffixes) and name.endswith(suffixes)
        if suffixes and not claimed:
            continue
        try:
            document = impl.function(*(arguments[arg] for arg in impl.argnames))
        except TimeLimitExceeded as exc:
            raise exc.at(Message(f"plugin '{impl.plugin_name}', der læste filen",
                                 f"plugin '{impl.plugin_name}', which was reading the file"))
        except UnreadableDocument as exc:
            failures.append(ReaderFailure(impl.plugin_name, True, Message(exc.da, exc.en), damaged=True))
            return Loaded(None, tuple(failures))
        except Exception as exc:  # foreign code: isolate it
            failures.append(ReaderFailure(impl.plugin_name, claimed, technical(exc)))
        else:
            if document is None:
                continue
            if isinstance(document, Document):
                return Loaded(document, tuple(failures))
            what = type(document).__name__
            failures.append(ReaderFailure(impl.plugin_name, claimed,
                                          Message(f"gav {what} tilbage, ikke et Document",
                                                  f"returned {what}, not a Document")))
        if claimed:
            return Loaded(None, tuple(failures))
    return Loaded(None, tuple(failures))


def technical(exc: BaseException) -> Message:
    """An exception's text, which is the plugin author's and usually English, marked as
    a technical detail in a Danish sentence."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    return Message(f"teknisk fejl: {detail}", f"technical error: {detail}")


_OS_REASONS = {
    errno.EACCES: ("ingen adgang til filen", "permission denied"),
    errno.EPERM: ("ingen adgang til filen", "operation not permitted"),
    errno.ENOENT: ("filen findes ikke (længere)", "no such file"),
    errno.EISDIR: ("det er en mappe", "is a directory"),
    errno.EIO: ("læsefejl på disken", "input/output error"),
    errno.ELOOP: ("for mange symbolske links", "too many levels of symbolic links"),
    errno.ENAMETOOLONG: ("filnavnet er for langt", "file name too long"),
}


def os_reason(exc: OSError) -> Message:
    """Why the system would not let us read a file, in Danish and English."""
    known = _OS_REASONS.get(exc.errno or 0)
    if known is not None:
        return Message(known[0], exc.strerror or known[1])  # the system's own English words
    text = exc.strerror or str(exc) or type(exc).__name__
    return Message(f"systemfejl: {text}", text)

