"""The command line that opens a note in the user's editor at a line: $VISUAL, else $EDITOR, split
like a shell would (never run by one), with the line given the way the editor takes it."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping

PLUS_LINE = frozenset({"vi", "vim", "nvim", "gvim", "mvim", "view", "nano", "pico", "emacs", "emacsclient",
                       "micro", "kak", "joe", "jed", "mg", "ne", "vis", "ed", "ex", "elvis", "nvi"})
PATH_COLON_LINE = frozenset({"hx", "helix", "subl", "sublime_text", "zed"})
GOTO_PATH_LINE = frozenset({"code", "codium", "code-insiders", "cursor"})


class NoEditor(ValueError):
    """Neither variable names an editor (or what it names cannot be split into words)."""


def editor_argv(path: str, line: int, environ: Mapping[str, str] | None = None) -> list[str]:
    """The argument list that opens `path` at the 1-based `line`; raises NoEditor with the reason."""
    environ = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as error:
            raise NoEditor(f"${name} cannot be read as a command ({error})") from error
        if words:
            return words + _at_line(words[0], path, max(line, 1))
    raise NoEditor("no editor: set $VISUAL or $EDITOR")


def _at_line(program: str, path: str, line: int) -> list[str]:
    name = os.path.basename(program)
    name = name[:-4] if name.lower().endswith(".exe") else name
    if name in PLUS_LINE:
        return [f"+{line}", path]
    if name in PATH_COLON_LINE:
        return [f"{path}:{line}"]
    if name in GOTO_PATH_LINE:
        return ["--goto", f"{path}:{line}"]
    return [path]
