"""Input formats other than plain text: each turns a file's bytes into a Document.

A format is a plugin like any other (``referatcheck_load_document``); the built-in
ones live here, apart from the rule families in ``referatcheck_plugins``.
"""
