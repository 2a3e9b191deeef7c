"""referatcheck — a linter for Danish municipal meeting minutes."""

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str):
    # Kept for plugins written against 0.1 (a plugin imports from referatcheck.api).
    # Imported on first use: pluggy is not needed by a run answered from the cache.
    if name == "hookimpl":
        from referatcheck.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'referatcheck' has no attribute {name!r}")
