"""The terminal can go away under a running reader: a closed window, a killed tmux, a dropped ssh link.
Then every write to it fails (EIO) and every read returns nothing at once. Textual's writer thread dies on
the first failed write, after which the app blocks for ever on its full output queue, and its input
thread spins on the empty reads: an invisible process using a whole core. Here the output swallows
those failures, and the app is told the terminal is gone so that it saves the reader's place and ends."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import IO

from textual.driver import Driver

LOST_GRACE_SECONDS = 5.0  # after the place is saved, how long a lost terminal's shutdown may take


class SturdyOutput:
    """The driver's output file: writes after the terminal is gone are dropped, never raised."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.lost = False

    def _guard(self, step: Callable[[], object]) -> None:
        if self.lost:
            return
        try:
            step()
        except (OSError, ValueError):  # EIO from a hung-up terminal; ValueError once the file is closed
            self.lost = True

    def write(self, text: str) -> None:
        self._guard(lambda: self._file.write(text))

    def flush(self) -> None:
        self._guard(self._file.flush)

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return not self.lost


def sturdy_driver(driver_class: type[Driver]) -> type[Driver]:
    """The platform's driver, with output that survives losing the terminal (terminal drivers only:
    the headless driver of tests and the web driver of `serve` write no terminal)."""
    from textual.drivers.linux_driver import LinuxDriver

    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class SturdyDriver(driver_class):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._file = SturdyOutput(self._file)

    SturdyDriver.__name__ = SturdyDriver.__qualname__ = f"Sturdy{driver_class.__name__}"
    return SturdyDriver


def terminal_gone(driver: Driver | None) -> bool:
    """True once the app's terminal has hung up: its output failed, or its input is no terminal now."""
    if driver is None:
        return False
    output = getattr(driver, "_file", None)
    if isinstance(output, SturdyOutput) and output.lost:
        return True
    fileno = getattr(driver, "fileno", None)
    if not isinstance(fileno, int) or not getattr(driver, "input_tty", False):
        return False
    try:
        return not os.isatty(fileno)
    except OSError:
        return True


def end_soon(status: int = 129, grace: float = LOST_GRACE_SECONDS) -> None:
    """The last resort once the place is saved: if shutting down still hangs, the process ends anyway."""
    timer = threading.Timer(grace, os._exit, args=(status,))
    timer.daemon = True
    timer.start()


def keep_watch(app, quit: Callable[[], object], every: float = 0.5) -> None:
    """While the app runs, a terminal that hangs up ends it as `q` would (SIGHUP may never come: a
    process outside the terminal's foreground group is not sent it)."""

    def check() -> None:
        if terminal_gone(app._driver):
            timer.stop()
            end_soon()
            quit()

    timer = app.set_interval(every, check, name="terminal watch")
