"""referatcheck — a linter for Danish municipal meeting minutes."""

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str):
    # `from referatcheck import hookimpl`, the one import a plugin needs, imports pluggy;
    # a run answered from the cache loads no plugin and so never pays for it.
    if name == "hookimpl":
        from referatcheck.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'referatcheck' has no attribute {name!r}")
