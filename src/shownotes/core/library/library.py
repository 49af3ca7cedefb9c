"""A folder of notes as a library: scanning, grouping into channels and episodes, link resolution."""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .. import resources
from .grouping import Channel, channel_name, group_channels
from ..notes.note import Note, NoteError, is_note_file, read_note
from ..textsafe import clean_line


@dataclass(frozen=True)
class LibraryWarning:
    rel: str
    message: str
    fatal: bool = False  # the file could not be read at all

    def __str__(self) -> str:
        return f"{self.rel}: {self.message}"


_SLUG_LIKE = re.compile(r"[a-z0-9_]+").fullmatch  # already a slug, as most file stems are


def slug(text: str) -> str:
    """Lower-case, punctuation dropped, spaces and hyphens to `_` (how real note files are named)."""
    if _SLUG_LIKE(text):
        return text
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s-]+", "_", text.strip())


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
            warnings.append(LibraryWarning(rel or ".", f"cannot open folder: {error.strerror}", True))
            continue
        if (info.st_dev, info.st_ino) in seen:
            warnings.append(LibraryWarning(rel or ".", "folder seen twice (symlink loop?); skipped"))
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            warnings.append(LibraryWarning(rel or ".", f"cannot list folder: {error.strerror}", True))
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


@dataclass
class Library:
    root: Path
    notes: list[Note]
    warnings: list[LibraryWarning] = field(default_factory=list)
    single_file: bool = False

    def __post_init__(self) -> None:
        self.replace(self.notes)

    def replace(self, notes: list[Note]) -> None:
        """Take a new list of notes (fresh metadata, files added or gone); groupings are redone lazily."""
        self.notes = sorted(notes, key=lambda note: note.rel)
        self._by_rel: dict[str, Note] = {note.rel: note for note in self.notes}
        self._by_channel: dict[str, list[Note]] = defaultdict(list)
        fallback = self.name
        for note in self.notes:
            self._by_channel[channel_name(note, fallback)].append(note)
        self._channels: dict[str, Channel] = {}
        self._names: tuple[dict[str, list[Note]], dict[str, list[Note]]] | None = None

    def _name_maps(self) -> tuple[dict[str, list[Note]], dict[str, list[Note]]]:
        """Notes by file stem (lower-case) and by slug, built on the first lookup by name."""
        names = self._names
        if names is None:  # a hot loop at the start of a 20,000-note library: kept plain
            notes = self.notes  # a parse thread may get here while `replace` runs on the UI thread
            by_stem: dict[str, list[Note]] = {}
            by_slug: dict[str, list[Note]] = {}
            slug_like = _SLUG_LIKE
            for note in notes:
                rel = note.rel
                name = rel[rel.rfind("/") + 1 :]
                dot = name.rfind(".")
                stem = name[:dot] if dot >= 0 else name
                lowered = stem.lower()
                bucket = by_stem.get(lowered)
                if bucket is None:
                    by_stem[lowered] = [note]
                else:
                    bucket.append(note)
                key = lowered if lowered == stem and slug_like(lowered) else slug(stem)
                bucket = by_slug.get(key)
                if bucket is None:
                    by_slug[key] = [note]
                else:
                    bucket.append(note)
            names = (by_stem, by_slug)
            if self.notes is notes:  # kept only if no new list of notes arrived meanwhile
                self._names = names
        return names

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
                note = read_note(file_path, clean_line(rel))
            except NoteError as error:
                warnings.append(LibraryWarning(clean_line(rel), str(error), True))
                continue
            notes.append(note)
            warnings.extend(LibraryWarning(note.rel, message) for message in note.warnings)
        return cls(root=root, notes=notes, warnings=warnings, single_file=single_file)

    @property
    def name(self) -> str:
        return clean_line(self.root.name or str(self.root))

    def note(self, rel: str) -> Note | None:
        return self._by_rel.get(rel)

    def channel_names(self) -> list[str]:
        """Channel names, sorted; cheap (no grouping) so 20,000 notes show at once."""
        return sorted(self._by_channel, key=str.lower)

    def channel_size(self, name: str) -> int:
        return len(self._by_channel.get(name, ()))

    def channel_of(self, note: Note) -> str:
        return channel_name(note, self.name)

    def channel(self, name: str) -> Channel:
        """One channel grouped into episodes (its index page read if it has one), on first use."""
        found = self._channels.get(name)
        if found is None:
            grouped = group_channels(self._by_channel.get(name, []), self.name)
            found = self._channels[name] = grouped[0] if grouped else Channel(name)
        return found

    @property
    def channels(self) -> list[Channel]:
        """Every channel grouped (reads every index page): for the CLI and small libraries."""
        return [self.channel(name) for name in self.channel_names()]

    def neighbour(self, note: Note, step: int) -> Note | None:
        """The next (or previous) note in sidebar order, crossing into the next channel at the end."""
        names = self.channel_names()
        position = names.index(self.channel_of(note)) if self.channel_of(note) in names else 0
        order = list(self.channel(names[position]).notes)
        index = next((i for i, other in enumerate(order) if other is note), -1) + step
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

    def resolve(self, target: str, source: Note | None = None) -> Note | None:
        """Relative path, then file stem (case-insensitive), then slug; the source's folder wins ties."""
        target = target.strip()
        if not target:
            return source
        folder = posixpath.dirname(source.rel) if source else ""
        for base in dict.fromkeys((folder, "")):
            joined = posixpath.normpath(posixpath.join(base, target))
            if joined.startswith(".."):
                continue
            for candidate in (joined, *(joined + suffix for suffix in (".md", ".markdown", ".txt"))):
                if candidate in self._by_rel:
                    return self._by_rel[candidate]
        name = posixpath.basename(target)
        stem = name.rsplit(".", 1)[0] if name.lower().endswith((".md", ".markdown", ".txt")) else name
        by_stem, by_slug = self._name_maps()
        for candidates in (by_stem.get(stem.lower()), by_slug.get(slug(stem))):
            if candidates:
                return _prefer_folder(candidates, folder)
        return None

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
        stems, slugs = self._name_maps()
        by_stem = stems.get(lowered) or slugs.get(slug(query)) or []
        if by_stem:
            return list(by_stem)
        return [note for note in self.notes if lowered in note.title.lower()]

    def backlinks(self) -> dict[str, list[Note]]:
        """For every note (by rel), the notes that link to it. Parses every note once."""
        links: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            for link in note.parse().outline.links:
                target = self.resolve(link.target, note)
                if target is not None and target is not note and note not in links[target.rel]:
                    links[target.rel].append(note)
        return links


def _prefer_folder(candidates: list[Note], folder: str) -> Note:
    for note in candidates:
        if posixpath.dirname(note.rel) == folder:
            return note
    return candidates[0]
