"""What the command line writes and how it stops: one-line errors, JSON that is always UTF-8, closed pipes."""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import signal
import sys
from typing import TextIO

# A file name's undecodable bytes arrive as lone surrogates (surrogateescape); JSON can carry them escaped,
# as it carries what must not reach a terminal raw (C1, bidi, zero width): a real path stays exact.
_ESCAPED = re.compile("[\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\u3164\ufeff\uffa0\ud800-\udfff]")
CLOSED_PIPE_STATUS = 128 + getattr(signal, "SIGPIPE", 13)  # what a shell reports for `cat big | head -1`


class CliError(Exception):
    """A one-line error for stderr; exit status 2."""


def emit_json(data: object, out: TextIO | None = None) -> None:
    """Valid UTF-8 JSON whatever the stream's encoding: ASCII escapes where it is not UTF-8."""
    out = out or sys.stdout
    utf8 = codecs.lookup(getattr(out, "encoding", None) or "ascii").name == "utf-8"
    text = json.dumps(data, ensure_ascii=not utf8, indent=2)
    out.write(_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n")


def tolerant_streams() -> None:
    """A stdout or stderr that cannot hold every character (PYTHONIOENCODING=ascii:strict, LANG=C on an
    old Python) writes the others as backslash escapes instead of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        if codecs.lookup(encoding).name != "utf-8" and getattr(stream, "errors", "strict") == "strict":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")


def closed_pipe() -> int:
    """The reader of stdout went away (`| head -1`): stop quietly, as a tool killed by SIGPIPE would.

    Later writes, including the interpreter's last flush, go to /dev/null, so Python prints no
    "Exception ignored ... BrokenPipeError" on its way out.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a captured stream (tests) has no descriptor
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
    return CLOSED_PIPE_STATUS


def not_a_terminal() -> str | None:
    """Why the reader cannot run here, or None: it draws on a terminal and reads keys from one."""
    if os.environ.get("TEXTUAL_DRIVER"):  # textual-serve runs the reader over pipes, with its web driver
        return None
    for name, stream in (("standard input", sys.stdin), ("standard output", sys.stdout)):
        if stream is None or not stream.isatty():
            return (
                f"the reader needs a terminal and {name} is not one; "
                "in a pipe use `shownotes show NOTE` or `shownotes list`"
            )
    return None
