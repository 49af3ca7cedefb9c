"""A folder of notes as a library: scanning, grouping into channels and episodes, link resolution."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import resources
from ..notes.note import Note, NoteError, is_note_file, read_note
from ..textsafe import clean_line, path_key
from .grouping import Channel, Episode, IndexEntry, channel_name, group_channels, page_entries
from .links import Resolver


@dataclass(frozen=True)
class LibraryWarning:
    rel: str
    message: str
    fatal: bool = False  # the file could not be read at all

    def __str__(self) -> str:
        return f"{self.rel}: {self.message}"


def scan(root: Path) -> tuple[list[tuple[str, str]], list[LibraryWarning]]:
    """Note files under root as (path, posix path relative to root); hidden folders skipped, no loops.

    Paths are plain strings: making 20,000 Path objects would cost more than the listing itself."""
    files: list[tuple[str, str]] = []
    warnings: list[LibraryWarning] = []
    seen: set[tuple[int, int]] = set()
    stack = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            info = folder.stat()
        except OSError as error:
            warnings.append(LibraryWarning(path_key(rel) or ".", f"cannot open folder: {error.strerror}", True))
            continue
        if (info.st_dev, info.st_ino) in seen:
            warnings.append(LibraryWarning(path_key(rel) or ".", "folder seen twice (symlink loop?); skipped"))
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            warnings.append(LibraryWarning(path_key(rel) or ".", f"cannot list folder: {error.strerror}", True))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_rel = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append((Path(entry.path), entry_rel))
            elif is_note_file(entry.name):
                files.append((entry.path, entry_rel))
        stack.extend(reversed(subfolders))
    files.sort(key=lambda item: item[1])
    return files, warnings


@dataclass(frozen=True, eq=False)
class Library:
    """A snapshot of a folder of notes, never changed once made: a change makes a new Library.

    What is derived from the notes (by rel, by channel, name maps, channels grouped into episodes) is
    worked out on first use; two threads asking at once only work it out twice.
    """

    root: Path
    notes: tuple[Note, ...]
    warnings: tuple[LibraryWarning, ...] = ()
    single_file: bool = False
    # What the index pages among the notes list, by rel, when known without reading them (the index)
    listed: Mapping[str, list[IndexEntry]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", tuple(sorted(self.notes, key=lambda note: note.rel)))
        object.__setattr__(self, "warnings", tuple(self.warnings))

    def with_notes(self, notes: Iterable[Note], warnings: Iterable[LibraryWarning] | None = None) -> Library:
        """The same library with other notes (fresh metadata, files added or gone)."""
        return Library(self.root, tuple(notes), self.warnings if warnings is None else tuple(warnings), self.single_file)

    def with_changes(self, changed: dict[str, Note | None]) -> Library:
        """Notes replaced, added (by rel) or, for None, dropped."""
        notes = dict(self._by_rel)
        for rel, note in changed.items():
            if note is None:
                notes.pop(rel, None)
            else:
                notes[rel] = note
        return self.with_notes(notes.values())

    @cached_property
    def _by_rel(self) -> dict[str, Note]:
        return {note.rel: note for note in self.notes}

    @cached_property
    def _by_channel(self) -> dict[str, list[Note]]:
        by_channel: dict[str, list[Note]] = defaultdict(list)
        fallback = self.name
        for note in self.notes:
            by_channel[channel_name(note, fallback)].append(note)
        return dict(by_channel)

    @cached_property
    def _channels(self) -> dict[str, Channel]:
        return {}

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self._by_rel)

    @classmethod
    def open(cls, path: str | os.PathLike | None = None) -> Library:
        """A folder (recursive) or a single note file; the bundled seeds when path is None."""
        root = Path(path) if path is not None else resources.seeds_path()
        root = root.expanduser().absolute()  # watchers report absolute paths
        if root.is_file():
            return cls.from_files(root.parent, [(root, root.name)], [], single_file=True)
        if root.is_dir():
            return cls.from_files(root, *scan(root))
        raise FileNotFoundError(f"no such file or folder: {clean_line(str(root))}")

    @classmethod
    def from_files(
        cls, root: Path, files: list[tuple[Path | str, str]], warnings: list[LibraryWarning], single_file: bool = False
    ) -> Library:
        """Read every listed file; files that cannot be notes become warnings."""
        warnings = list(warnings)
        notes = []
        for file_path, rel in files:
            try:
                note = read_note(file_path, path_key(rel))
            except NoteError as error:
                warnings.append(LibraryWarning(path_key(rel), str(error), True))
                continue
            notes.append(note)
            warnings.extend(LibraryWarning(note.rel, message) for message in note.warnings)
        return cls(root=root, notes=tuple(notes), warnings=tuple(warnings), single_file=single_file)

    @property
    def name(self) -> str:
        return clean_line(self.root.name or str(self.root))

    def note(self, rel: str) -> Note | None:
        return self._by_rel.get(rel)

    @cached_property
    def pages_channel(self) -> str | None:
        """The channel of the library's own pages (top-level notes without a `From:` line, such as
        `index.md`), when the library also has channel folders; it is listed first."""
        notes = self._by_channel.get(self.name)
        if notes is None or len(self._by_channel) < 2 or any("/" in note.rel for note in notes):
            return None
        return self.name

    def channel_names(self) -> list[str]:
        """Channel names, the library's own pages first, then sorted; cheap (no grouping) so 20,000
        notes show at once."""
        pages = self.pages_channel
        return sorted(self._by_channel, key=lambda name: (name != pages, name.lower()))

    def channel_size(self, name: str) -> int:
        return len(self._by_channel.get(name, ()))

    def channel_of(self, note: Note) -> str:
        return channel_name(note, self.name)

    def channel(self, name: str) -> Channel:
        """One channel grouped into episodes (its index page read if it has one), on first use."""
        found = self._channels.get(name)
        if found is None:
            grouped = group_channels(self._by_channel.get(name, []), self.name, self._entries)
            found = self._channels[name] = grouped[0] if grouped else Channel(name)
        return found

    @property
    def channels(self) -> list[Channel]:
        """Every channel grouped (reads every index page): for the CLI and small libraries."""
        return [self.channel(name) for name in self.channel_names()]

    def episode_of(self, note: Note) -> Episode | None:
        """The episode (notes sharing its videoId in its channel) the note belongs to."""
        for episode in self.channel(self.channel_of(note)).episodes:
            if any(other.rel == note.rel for other in episode.notes):
                return episode
        return None

    def neighbour(self, note: Note, step: int) -> Note | None:
        """The next (or previous) note in sidebar order, crossing into the next channel at the end."""
        names = self.channel_names()
        position = names.index(self.channel_of(note)) if self.channel_of(note) in names else 0
        order = list(self.channel(names[position]).notes)
        index = next((i for i, other in enumerate(order) if other.rel == note.rel), -1) + step
        while not 0 <= index < len(order):
            position += 1 if step > 0 else -1
            if not 0 <= position < len(names):
                return None
            order = list(self.channel(names[position]).notes)
            index = 0 if step > 0 else len(order) - 1
        return order[index]

    def first_note(self) -> Note | None:
        for name in self.channel_names():
            for note in self.channel(name).notes:
                return note
        return None

    def _entries(self, page: Note) -> list[IndexEntry]:
        found = self.listed.get(page.rel)
        return found if found is not None else page_entries(page)

    def resolve(self, target: str, source: Note | None = None) -> Note | None:
        """The note a wiki link names (see links.Resolver)."""
        rel = self.resolver.resolve(target, source.rel if source is not None else None)
        return self._by_rel.get(rel) if rel is not None else None

    def find(self, query: str) -> list[Note]:
        """Notes named by a path, a title or a file stem; several when it is ambiguous."""
        query = query.strip()
        path = Path(query).expanduser()
        if path.is_file():
            resolved = path.resolve()
            for note in self.notes:
                if note.path.resolve() == resolved:
                    return [note]
        if query in self._by_rel:
            return [self._by_rel[query]]
        lowered = query.lower()
        exact = [note for note in self.notes if note.title.lower() == lowered]
        if exact:
            return exact
        rels = self.resolver.by_stem(lowered) or self.resolver.by_slug(query)
        if rels:
            return [self._by_rel[rel] for rel in rels]
        return [note for note in self.notes if lowered in note.title.lower()]

    def backlinks(self) -> dict[str, list[Note]]:
        """For every note (by rel), the notes that link to it. Parses every note once."""
        links: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            for link in note.parse().outline.links:
                target = self.resolve(link.target, note)
                if target is not None and target.rel != note.rel and note not in links[target.rel]:
                    links[target.rel].append(note)
        return links
