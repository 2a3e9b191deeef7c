"""The hooks a referatcheck plugin may implement.

A plugin is a module (or object) registered under the entry-point group
``referatcheck``; the built-in rule families register the same way. Implement a hook
with ``@hookimpl`` from :mod:`referatcheck.api`, the public plugin API, which also holds
every name the hooks below mention.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("referatcheck")
hookimpl = pluggy.HookimplMarker("referatcheck")


@hookspec
def referatcheck_rules():
    """Return an iterable of :class:`referatcheck.api.Rule` subclasses this plugin adds."""


@hookspec
def referatcheck_section_names():
    """Return ``(heading, kind)`` pairs: extra section names of a municipality's vocabulary.

    ``kind`` is a :class:`referatcheck.api.SectionKind` or its value
    (``"decision"``, ``"recommendation"`` ...).
    """


@hookspec
def referatcheck_vocabulary():
    """Return a mapping of reading vocabulary a municipality adds (see
    :mod:`referatcheck.vocabulary`)::

        {"head-labels": {"Mødelokale/sted": "place"},   # label -> role
         "toc-headings": ["Sagsliste"],
         "artefacts": ["Tilbage til forsiden"]}
    """


@hookspec
def referatcheck_reporters():
    """Return a mapping ``{format name: reporter}`` of extra output formats.

    A reporter is a callable ``(results, options) -> str`` (see
    :mod:`referatcheck.reporters`).
    """


@hookspec
def referatcheck_input_suffixes():
    """Return the file suffixes your ``referatcheck_load_document`` reads (``[".docx"]``).

    Declaring them is how a format plugin claims its files: it is then asked about
    those files only, and when it fails on one, that file is reported (RC003, naming
    the plugin) instead of being read as text. A format plugin that declares nothing
    is asked about every file, and a failure of it is reported on each file it failed
    on (RC001) while the file is read by the other readers.
    """


@hookspec(firstresult=True)
def referatcheck_load_document(path, data, vocabulary):
    """Load a file in a format other than Markdown/text into a Document.

    ``path`` is the file path (str), ``data`` its bytes. Return a
    :class:`referatcheck.api.Document`, or None when the format is not yours. For a
    file of your format that is damaged, raise
    :class:`referatcheck.api.UnreadableDocument` with the reason in Danish and
    English (it is shown as the reason, not as a failure of your plugin).
    A loader that converts to text puts one :class:`referatcheck.api.Place` per
    text line in ``Document.extra["locations"]``; findings then name the place in the
    original file (see ``src/referatcheck/formats/docx.py``).
    """
