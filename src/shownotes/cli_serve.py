"""`shownotes serve`: the reader in a browser, through textual-serve (the optional `serve` extra)."""

from __future__ import annotations

import os
import shlex
import sys

from .cli_io import CliError
from .core.textsafe import clean_line

INSTALL_HINT = "uv run --extra serve shownotes serve (or: pip install 'shownotes[serve]')"


def reader_command(path: str | None) -> str:
    """The shell command textual-serve runs for each browser tab, every argument quoted."""
    folder = [os.path.abspath(os.path.expanduser(path))] if path is not None else []
    return shlex.join([sys.executable, "-m", "shownotes", "read", *folder])


def serve(path: str | None, host: str, port: int) -> int:
    try:
        from textual_serve.server import Server
    except ImportError as error:
        raise CliError(f"serve needs textual-serve: {INSTALL_HINT}") from error
    server = Server(reader_command(path), host=host, port=port, title="shownotes")
    try:
        server.serve()
    except OSError as error:
        raise CliError(f"cannot serve on {clean_line(host)}:{port}: {error.strerror or error}") from error
    return 0
