"""A note made ready to show: parsed once, links resolved, laid out on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.library.library import Library
from ..core.library.links import readable
from ..core.notes.note import Note, Parsed
from ..core.notes.outline import Outline, WikiLink
from ..core.timecode import deep_link
from .layout import Document
from .palette import DEFAULT_PALETTE, Palette


@dataclass(frozen=True)
class Related:
    """Notes to go to from this one: those linking to it, and the rest of its episode."""

    backlinks: list[tuple[str, str]] = field(default_factory=list)  # (title, rel)
    episode: list[tuple[str, str]] = field(default_factory=list)
    more_backlinks: int = 0
    indexed: bool = True

    @classmethod
    def of(cls, library: Library, note: Note, backlinks: list[str], indexed: bool, limit: int = 50) -> Related:
        """The notes linking to `note` (by rel, from the index) and the rest of its episode."""
        episode = library.episode_of(note)
        linking = [(n.title, n.rel) for n in map(library.note, backlinks[:limit]) if n is not None]
        others = [(n.title, n.rel) for n in (episode.notes if episode else []) if n.rel != note.rel]
        return cls(linking, others[:limit], max(0, len(backlinks) - limit), indexed)

    @property
    def summary(self) -> str:
        parts = []
        count = len(self.backlinks) + self.more_backlinks
        if count:
            parts.append(f"linked from {count} note{'s' if count != 1 else ''}")
        elif not self.indexed:
            parts.append("backlinks after indexing")
        if self.episode:
            parts.append(f"{len(self.episode)} more in this episode")
        return " · ".join(parts)


@dataclass(frozen=True)
class NoteView:
    note: Note
    parsed: Parsed
    document: Document
    targets: list[Note | None]  # the note each wiki link resolves to, by link index
    related: Related = field(default_factory=Related)

    @property
    def outline(self) -> Outline:
        return self.parsed.outline

    def url(self, timestamp: int) -> str | None:
        stamps = self.parsed.outline.timestamps
        if not 0 <= timestamp < len(stamps):
            return None
        return deep_link(self.note.video_id, stamps[timestamp].seconds)

    def with_related(self, related: Related) -> NoteView:
        document = _document(self.parsed, self.document.palette, self.targets, related)
        return NoteView(self.note, self.parsed, document, self.targets, related)

    def relinked(self, library: Library, related: Related) -> NoteView:
        """The same parse with its links resolved again (the library grew) and its related notes anew."""
        targets = _targets(self.parsed, self.note, library)
        document = _document(self.parsed, self.document.palette, targets, related)
        return NoteView(self.note, self.parsed, document, targets, related)

    def restyled(self, palette: Palette) -> NoteView:
        document = _document(self.parsed, palette, self.targets, self.related)
        return NoteView(self.note, self.parsed, document, self.targets, self.related)


def _document(parsed: Parsed, palette: Palette, targets: list[Note | None], related: Related) -> Document:
    resolved, title = link_callbacks(parsed.outline.links, targets)
    return Document(parsed.tokens, palette, resolved, _extra(related), title)


def link_callbacks(
    links: list[WikiLink], targets: list[Note | None], first: int = 0
) -> tuple[Callable[[int], bool], Callable[[int], str | None]]:
    """(whether link `index` has a note, the text a link with no alias shows: its note's title, or its
    target made readable when it has no note), for the links numbered from `first` on."""

    def resolved(index: int) -> bool:
        index -= first
        return 0 <= index < len(targets) and targets[index] is not None

    def title(index: int) -> str | None:
        index -= first
        if not 0 <= index < len(links) or not links[index].target:
            return None
        target = targets[index] if index < len(targets) else None
        if target is None:
            return readable(links[index].target)
        return target.title if target.has_title else readable(target.title)  # a title from the file name

    return resolved, title


def _extra(related: Related) -> list[tuple[str, list[tuple[str, str]], int]]:
    sections = []
    if related.backlinks:
        sections.append(("Linked from", related.backlinks, related.more_backlinks))
    if related.episode:
        sections.append(("Other notes of this episode", related.episode, 0))
    return sections


def build_view(
    note: Note, library: Library | None, palette: Palette = DEFAULT_PALETTE, related: Related | None = None
) -> NoteView:
    note = note.loaded()
    parsed = note.parse()
    note = note.titled(parsed)
    targets = _targets(parsed, note, library)
    related = related or Related()
    return NoteView(note, parsed, _document(parsed, palette, targets, related), targets, related)


def _targets(parsed: Parsed, note: Note, library: Library | None) -> list[Note | None]:
    return resolve_links(parsed.outline.links, note, library)


def resolve_links(links: list[WikiLink], note: Note, library: Library | None) -> list[Note | None]:
    return [library.resolve(link.target, note) if library else None for link in links]
