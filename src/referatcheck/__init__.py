"""referatcheck — a linter for Danish municipal meeting minutes."""

__version__ = "0.1.0"

# Kept for plugins written against 0.1; a plugin imports from referatcheck.api.
from referatcheck.hookspecs import hookimpl  # noqa: E402

__all__ = ["__version__", "hookimpl"]
