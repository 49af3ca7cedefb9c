"""Keeping the reader's library in step with the disk: the catalog worker and the file watcher.

Both run as Textual workers and only post messages: files are read and parsed on a worker thread
(and the index's worker processes), never on the UI thread; the app applies what arrives.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from ..core import catalog as core
from ..core.catalog import Catalog, read_changes
from ..core.notes.note import is_note_file
from .messages import FilesChanged, IndexFailed, IndexProgress, IndexReady, LibraryChanged, Notice

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message

WATCH_DEBOUNCE_MS = 300
MAX_WATCH_RESTARTS = 100


class LibrarySync:
    def __init__(self, app: App, catalog: Catalog, *, watch: bool = True) -> None:
        self._app = app
        self._catalog = catalog
        self._watch_files = watch

    def start(self) -> None:
        self.refresh()
        if self._watch_files:
            self._app.run_worker(self._watch(), name="watch", group="watch", exit_on_error=False)

    def refresh(self) -> None:
        """Bring the library and its index up to date (a refresh under way is cancelled first)."""
        self._app.run_worker(
            self._refresh, name="catalog", group="catalog", thread=True, exclusive=True, exit_on_error=False
        )

    def _refresh(self) -> None:
        worker = get_current_worker()
        post = self._app.post_message
        try:
            waiting = lambda: post(IndexProgress("Waiting for another shownotes to finish the index…"))  # noqa: E731
            for event in self._catalog.refresh(lambda: worker.is_cancelled, waiting):
                message = _message(event)
                if message is not None:
                    post(message)
                if isinstance(event, core.IndexOpened):
                    for notice in event.notices:
                        post(Notice(notice))
        except (OSError, sqlite3.Error, ValueError) as error:  # the folder went away, the cache is unusable…
            post(IndexFailed(f"search index unavailable: {error}"))

    async def _watch(self) -> None:
        from watchfiles import awatch  # loaded once the reader is up, not on the startup path

        library = self._catalog.library
        root = library.root
        only = {library.notes[0].path.name} if library.single_file and library.notes else None
        failures = 0
        while True:
            try:
                async for changes in awatch(
                    root,
                    debounce=WATCH_DEBOUNCE_MS,
                    watch_filter=lambda change, path: _is_watched(root, path, only),
                ):
                    failures = 0
                    paths = [path for _change, path in changes]
                    self._app.post_message(FilesChanged(await asyncio.to_thread(read_changes, root, paths)))
                return
            except Exception as error:
                reason = _watcher_error(error)
                if reason is None:
                    raise
                # watchfiles gives up on a whole batch when one file name is not UTF-8: say so once,
                # then watch again, so one odd name does not stop live reload for the library.
                failures += 1
                if failures == 1:
                    self._app.post_message(Notice(f"live reload skipped a change: {reason}"))
                if failures > MAX_WATCH_RESTARTS:
                    self._app.post_message(Notice("not watching the library for changes any more"))
                    return
                await asyncio.sleep(min(5.0, 0.05 * failures))  # a lasting error must not spin


def _message(event: core.Event) -> Message | None:
    match event:
        case core.FolderLoaded():
            return LibraryChanged(loaded=True)
        case core.ReadingMetadata():
            return IndexProgress("Reading titles…")
        case core.MetadataRead(changed=changed):
            return LibraryChanged() if changed else None
        case core.Indexing(done=done, total=total):
            return IndexProgress(f"Indexing {done:,}/{total:,}", done, total)
        case core.Indexed(result=result, count=count, changed=changed):
            return IndexReady(result, count, changed)
    return None


def _watcher_error(error: BaseException) -> str | None:
    """What went wrong in the watcher (its own OSError or RuntimeError, maybe grouped); None for
    anything else, which is not ours to swallow."""
    if isinstance(error, (OSError, RuntimeError)):
        return str(error)
    inner = getattr(error, "exceptions", None)
    if inner and all(_watcher_error(each) is not None for each in inner):
        return "; ".join(str(each) for each in inner)
    return None


def _is_watched(root: Path, path: str, only: set[str] | None) -> bool:
    name = Path(path).name
    if only is not None:
        return name in only
    parts = Path(path).relative_to(root).parts if path.startswith(str(root)) else ()
    if any(part.startswith(".") for part in parts[:-1]):
        return False
    # not only note files: a folder moved or renamed is one event for the folder (read_changes sorts it out)
    return is_note_file(name) or not name.startswith(".")
