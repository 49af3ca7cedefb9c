"""Copying text: the system clipboard through pyperclip when one exists, else OSC 52 via the app."""

from __future__ import annotations

import functools
from collections.abc import Callable

Copier = Callable[[str], "str | None"]  # returns how the text was copied, or None to fall back


@functools.lru_cache(maxsize=1)
def _system_copy() -> Callable[[str], None] | None:
    import pyperclip  # loaded on the first copy, not at startup

    # determine_clipboard, not is_available: the latter reports True after a failed copy.
    copy, _paste = pyperclip.determine_clipboard()
    return copy if copy else None


def system_copy(text: str) -> str | None:
    """Copy with pyperclip; None when this machine has no clipboard mechanism or it fails."""
    copy = _system_copy()
    if copy is None:
        return None
    import pyperclip

    try:
        copy(text)
    except pyperclip.PyperclipException:
        return None
    return "system clipboard"
