"""Lark grammars shipped with referatcheck (loaded with importlib.resources)."""
