"""SIGTERM and SIGHUP end the reader as `q` does: its place saved, the terminal given back as it was."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def quit_on_signals(quit: Callable[[], object]) -> None:
    """While the app's loop runs, these signals call `quit` on it (where the platform allows)."""
    loop = asyncio.get_running_loop()
    for number in QUIT_SIGNALS:
        try:
            loop.add_signal_handler(number, quit)
        except (NotImplementedError, RuntimeError, ValueError):  # no signal handlers here (Windows, a thread)
            continue
