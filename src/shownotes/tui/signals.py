"""SIGTERM and SIGHUP end the reader as `q` does: its place saved, the terminal given back as it was;
so does losing the terminal with no signal at all."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

from textual.app import App

from .terminal import end_soon, keep_watch

QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def quit_on_signals(quit: Callable[[], object]) -> None:
    """While the app's loop runs, these signals call `quit` on it (where the platform allows)."""
    loop = asyncio.get_running_loop()
    for number in QUIT_SIGNALS:
        try:
            loop.add_signal_handler(number, quit)
        except (NotImplementedError, RuntimeError, ValueError):  # no signal handlers here (Windows, a thread)
            continue


def end_with_terminal(app: App, quit: Callable[[], object]) -> None:
    """A quit signal or a hung-up terminal runs `quit`; since the terminal may be gone with the signal,
    the process then ends soon regardless of what shutting down still waits for."""

    def told() -> None:
        end_soon()
        quit()

    quit_on_signals(told)
    keep_watch(app, quit)
