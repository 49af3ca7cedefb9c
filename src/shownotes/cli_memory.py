"""Where `list`, `links`, `show` and `check` get their answers: from the search index when it holds the
library (only the notes changed since are read and parsed), else by reading every note, as before and
as `--no-index` asks. Both give the same answer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from .cli_io import CliError
from .cli_library import Where
from .core.library.library import Library
from .core.notes.facts import NoteFacts, facts_of
from .core.notes.note import Note
from .core.textsafe import clean_line


@dataclass
class Answers:
    library: Library
    known: dict[str, NoteFacts] = field(default_factory=dict)  # by rel, from the index

    def facts(self, note: Note) -> NoteFacts:
        found = self.known.get(note.rel)
        return found if found is not None else facts_of(note)


def open_library(where: Where) -> Library:
    try:
        return Library.open(where.path)
    except FileNotFoundError as error:
        raise CliError(str(error)) from error
    except OSError as error:
        raise CliError(f"cannot open {clean_line(str(where.target))}: {error.strerror or error}") from error


def answers(where: Where, use_index: bool = True, links: bool = False) -> Answers:
    """The library and what parsing its notes finds; `links`: with each note's wiki link targets."""
    if use_index:
        from .core.index.memory import remember

        remembered = remember(where.target, links=links, progress=progress_printer(), waiting=say_waiting)
        if remembered is not None:
            for notice in remembered.notices:
                print(f"shownotes: {clean_line(notice)}", file=sys.stderr)
            return Answers(remembered.library, remembered.facts)
    return Answers(open_library(where))


def progress_printer() -> Callable[[int, int], None] | None:
    """`indexing 120/400` on stderr while the index is updated, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\rindexing {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def say_waiting() -> None:
    print("shownotes: another shownotes is writing the search index; waiting for it", file=sys.stderr, flush=True)
