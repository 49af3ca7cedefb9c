"""Background work on the library: metadata for notes shown by name, the search index, live reload.

Files are read and parsed on worker threads (and the index's worker processes); notes and panes
change only on the UI thread, through `call_from_thread`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.worker import get_current_worker

from ..core.catalog import (
    FULL_READ_LIMIT,
    Catalog,
    FileChange,
    apply_metadata,
    apply_summaries,
    load_folder,
    read_changes,
    read_heads,
    reconcile,
)
from ..core.notes.note import NoteError, is_note_file, read_note
from ..core.state import Position

if TYPE_CHECKING:
    from ..core.index import Summary, UpdateResult
    from .app import ShownotesApp

WATCH_DEBOUNCE_MS = 300
MAX_WATCH_RESTARTS = 100


class LibraryUpkeep:
    """Mixed into the app; uses its `catalog`, `library`, `index` and panes."""

    def start_upkeep(self: ShownotesApp) -> None:
        self._stop_watching = threading.Event()
        self.maintain_index()
        if self.watch_files:
            self._watch()

    def stop_upkeep(self: ShownotesApp) -> None:
        stop = getattr(self, "_stop_watching", None)
        if stop is not None:
            stop.set()
        self.workers.cancel_group(self, "index")

    # -- metadata and index -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def maintain_index(self: ShownotesApp) -> None:
        import sqlite3

        try:
            self._maintain_index()
        except (OSError, sqlite3.Error, ValueError) as error:  # the folder went away, the cache is unusable…
            self.call_from_thread(self.notify, f"search index unavailable: {error}", severity="error", markup=False)
            self.call_from_thread(self.status.done, "index unavailable")

    def _maintain_index(self: ShownotesApp) -> None:
        worker = get_current_worker()
        stop = lambda: worker.is_cancelled  # noqa: E731 - a predicate for the core
        catalog = self.catalog
        if catalog.pending:
            keep = {note.rel: note for note in self.library.notes}
            full = load_folder(self.library.root, catalog.cache_dir, keep=keep)
            if stop():
                return
            self.call_from_thread(self.folder_loaded, full)
        if not catalog.complete:
            self.call_from_thread(self.status.progress, "Reading titles…")
            fresh = read_heads(list(self.library.notes), stop)
            if stop():
                return
            self.call_from_thread(self._apply_heads, fresh)
        index = catalog.index
        if index is None:
            from ..core.index import Index

            library = self.library
            index = Index.open(library.notes[0].path if library.single_file and library.notes else library.root)
            self.call_from_thread(self._index_opened, index)
        for notice in index.notices:
            self.call_from_thread(self.notify, notice, severity="warning", markup=False)

        def progress(done: int, total: int) -> None:
            self.call_from_thread(self.status.progress, f"Indexing {done:,}/{total:,}", done, total)

        result = index.update(progress=progress, should_stop=stop)
        if stop():
            return
        summaries = index.summaries()
        self.call_from_thread(self._index_ready, result, summaries)
        first = self.call_from_thread(self.library.first_note)
        if not stop():  # a later start with no saved place opens it before any scan (large libraries only)
            large = len(self.library.notes) > FULL_READ_LIMIT
            index.remember_start(first.rel if first is not None and large else None)

    def _index_opened(self: ShownotesApp, index) -> None:  # noqa: ANN001 - core.index.Index
        self.index = self.catalog.index = index  # opened once; later updates reuse it

    def _apply_heads(self: ShownotesApp, fresh: dict) -> None:
        self.catalog.complete = True
        if apply_metadata(self.library, fresh):
            self.refresh_library()

    def _index_ready(self: ShownotesApp, result: UpdateResult, summaries: list[Summary]) -> None:
        self.index_ready = True
        if result.error:
            self.notify(result.error, severity="error", markup=False)
        count = len(summaries)
        self.status.done(f"{count:,} note{'s' if count != 1 else ''} indexed")
        changed = False
        if not self.catalog.scanned:  # shown from the index: now the update has scanned the folder
            self.catalog.scanned = True
            changed = reconcile(self.library, summaries)
        if apply_summaries(self.library, summaries) or changed:
            self.refresh_library()
        self.refresh_related()

    # -- the library changed under the reader -------------------------------------------

    def _resume_before_scan(self: ShownotesApp, last: Position | None) -> None:
        """A large library opened before: read only the note we left off at; the rest loads behind it."""
        if last is None:
            return
        try:
            note = read_note(self.library.root / last.rel, last.rel)
        except NoteError:
            return
        self.library.replace([note])

    def folder_loaded(self: ShownotesApp, full: Catalog) -> None:
        """The pending folder is scanned: the whole library replaces the one note shown so far."""
        self.catalog.pending, self.catalog.complete = False, full.complete
        self.catalog.index = self.index = full.index
        self.library.replace(full.library.notes)
        self.library.warnings = full.library.warnings
        self.refresh_library()
        self._report_library_warnings()
        view = self.view
        if view is not None:  # shown against a one-note library: its links and episode resolve now
            section, offset = self.reader.position()
            related = self._related(view.note)
            self._show(view.relinked(self.library, related), position=Position(view.note.rel, section, offset))
        elif not self.reload_requested():  # one still parsing against the one-note library starts over
            first = self.library.first_note()
            if first is not None:
                self.open_note(first.rel)
            else:
                self.reader.show(None, message="This library has no notes.")

    def reshow(self: ShownotesApp) -> None:
        """The open note changed on disk: show it again at the same place (parsed off the UI thread
        when it is heavy); a note still loading is loaded again."""
        current = self.current_timestamp
        self.reopen(self.view.note.rel if self.view is not None else "")
        if self.view is not None and current is not None and current < len(self.view.outline.timestamps):
            self.current_timestamp = current

    def reopen(self: ShownotesApp, rel: str) -> None:
        """Show the library's current note at `rel` where the reader is now (its file was replaced);
        with nothing shown yet, the note being loaded starts over instead."""
        if self.view is None:
            self.reload_requested()
            return
        section, offset = self.reader.position()
        self.open_note(rel, position=Position(rel, section, offset), record=False)

    def reload_requested(self: ShownotesApp) -> bool:
        """Start the note being loaded over (its file changed, or the library it resolves against);
        False when there is none to load."""
        if self._requested is None or self.library.note(self._requested) is None:
            return False
        section, timestamp, seconds, position = self._target
        self.open_note(self._requested, section=section, timestamp=timestamp, seconds=seconds, position=position, record=False)
        return True

    def refresh_related(self: ShownotesApp) -> None:
        """The index is ready: show the note's backlinks (without parsing the note again)."""
        view = self.view
        if view is None:
            return
        related = self._related(view.note)
        self.reader.border_subtitle = Content(related.summary)
        if (related.backlinks, related.episode) == (view.related.backlinks, view.related.episode):
            view.related = related
            return
        self.view = view.with_related(related)
        self.reader.restyle(self.view)

    def refresh_library(self: ShownotesApp) -> None:
        self.sidebar.set_library(self.library)
        if self.view is not None and self.library.note(self.view.note.rel) is self.view.note:
            self.sidebar.reveal(self.view.note, self.view.outline.sections)

    # -- live reload --------------------------------------------------------------------

    @work(thread=True, group="watch", exit_on_error=False)
    def _watch(self: ShownotesApp) -> None:
        from watchfiles import (
            watch,  # loaded once the reader is up, not on the startup path
        )

        library = self.library
        root = library.root
        only = {library.notes[0].path.name} if library.single_file and library.notes else None
        failures = 0
        while not self._stop_watching.is_set():
            try:
                for changes in watch(
                    root,
                    stop_event=self._stop_watching,
                    debounce=WATCH_DEBOUNCE_MS,
                    raise_interrupt=False,
                    watch_filter=lambda change, path: _is_watched(root, path, only),
                ):
                    failures = 0
                    read = read_changes(root, [path for _change, path in changes])  # files read here, not on the UI thread
                    self.call_from_thread(self.apply_changes, read)
                return
            except (OSError, RuntimeError) as error:
                # watchfiles gives up on a whole batch when one file name is not UTF-8: say so once,
                # then watch again, so one odd name does not stop live reload for the library.
                failures += 1
                if failures == 1:
                    self.call_from_thread(
                        self.notify, f"live reload skipped a change: {error}", severity="warning", markup=False
                    )
                if failures > MAX_WATCH_RESTARTS:
                    self.call_from_thread(
                        self.notify, "not watching the library for changes any more", severity="warning"
                    )
                    return
                self._stop_watching.wait(min(5.0, 0.05 * failures))  # a lasting error must not spin

    def files_changed(self: ShownotesApp, changes: set[tuple[int, str]]) -> None:
        """Changes as the watcher reports them, read here (tests drive live reload through this)."""
        self.apply_changes(read_changes(self.library.root, [path for _change, path in changes]))

    def apply_changes(self: ShownotesApp, changes: list[FileChange]) -> None:
        """Notes edited, added or deleted on disk: the library, sidebar, open note and index follow."""
        library, open_rel = self.library, self.view.note.rel if self.view is not None else self._requested
        notes = {note.rel: note for note in library.notes}
        reshow = reopen = False
        for change in changes:
            rel, note = change.rel, notes.get(change.rel)
            if change.gone:
                if notes.pop(rel, None) is not None and rel == open_rel:
                    self.notify(f"{rel} was deleted; what you see is the last version read", severity="warning", markup=False)
            elif note is None and change.note is not None:
                notes[rel] = change.note
                reopen |= rel == open_rel  # deleted and written again (sync tools, git checkout)
            elif note is None:
                self.notify(f"{rel}: {change.error}", severity="warning", markup=False)
            elif note.take(change.note, change.error):
                reshow |= rel == open_rel
            elif rel == open_rel:
                self.notify(f"{rel}: {note.error}; showing the last version read", severity="warning", markup=False)
        library.replace(list(notes.values()))
        self.refresh_library()
        if reopen and open_rel is not None:
            self.reopen(open_rel)
        elif reshow:
            self.reshow()
        self.maintain_index()


def _is_watched(root: Path, path: str, only: set[str] | None) -> bool:
    name = Path(path).name
    if only is not None:
        return name in only
    parts = Path(path).relative_to(root).parts if path.startswith(str(root)) else ()
    return is_note_file(name) and not any(part.startswith(".") for part in parts[:-1])
