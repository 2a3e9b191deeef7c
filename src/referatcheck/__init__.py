"""referatcheck — a linter for Danish municipal meeting minutes."""

__version__ = "0.1.0"

from referatcheck.hookspecs import hookimpl  # noqa: E402  (the one import a plugin needs)

__all__ = ["__version__", "hookimpl"]
