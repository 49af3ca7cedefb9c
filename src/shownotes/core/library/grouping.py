"""Channels and episodes: notes grouped by folder (or `From:` line) and by shared videoId."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..textsafe import shown_key
from ..timecode import video_id_from_url

if TYPE_CHECKING:
    from ..notes.note import Note


@dataclass
class Episode:
    video_id: str | None
    title: str
    notes: list[Note] = field(default_factory=list)
    named_by_index: bool = False


@dataclass
class Channel:
    name: str
    episodes: list[Episode] = field(default_factory=list)
    pages: list[Note] = field(default_factory=list)  # notes without a videoId, index pages first

    @property
    def index_page(self) -> Note | None:
        """The page named after the channel (`lexfridman/lexfridman.md`), which lists its episodes."""
        return self.pages[0] if self.pages and is_index_page(self.pages[0], self.name) else None

    @property
    def notes(self) -> Iterable[Note]:
        """In sidebar order: the index page, the episodes' notes, the other pages."""
        index = self.index_page
        if index is not None:
            yield index
        for episode in self.episodes:
            yield from episode.notes
        yield from self.pages[1:] if index is not None else self.pages


@dataclass
class IndexEntry:
    video_id: str
    title: str
    targets: list[str]


def channel_name(note: Note, fallback: str) -> str:
    return channel_for(note.rel, note.channel_hint, fallback)


def channel_for(rel: str, hint: str | None, fallback: str) -> str:
    """The top folder under the library, else the note's `From: [[channel]]` line, else the library."""
    if "/" in rel:
        return shown_key(rel.split("/", 1)[0])  # folders that differ only by invisible characters are one channel
    return hint or fallback


def is_index_page(note: Note, channel: str) -> bool:
    return shown_key(note.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]) == channel


def index_entries(note: Note) -> list[IndexEntry]:
    """`### [Episode title](https://www.youtube.com/watch?v=ID)` headings of a channel index page."""
    text = note.text
    if note.video_id is not None or ("youtube.com/watch" not in text and "youtu.be/" not in text):
        return []
    from ..notes import markdown  # the parser loads only for a channel that has an index page
    from ..notes.outline import inline_text

    entries: list[IndexEntry] = []
    tokens, _warnings = markdown.parse(text)
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
            continue
        if token.type != "inline":
            continue
        children = token.children or []
        if in_heading:
            in_heading = False
            href = next((c.attrs.get("href") for c in children if c.type == "link_open"), None)
            video = video_id_from_url(str(href)) if href else None
            if video:
                entries.append(IndexEntry(video, inline_text(children).strip(), []))
            continue
        if entries:
            entries[-1].targets.extend(c.meta["target"] for c in children if c.type == "wikilink_open")
    return entries


def page_entries(page: Note) -> list[IndexEntry]:
    return index_entries(page.loaded())


def group_channels(
    notes: list[Note], fallback: str, entries: Callable[[Note], list[IndexEntry]] = page_entries
) -> list[Channel]:
    """`entries`: what a channel's index page lists (read from it, unless the caller knows it)."""
    channels: dict[str, Channel] = {}
    by_video: dict[tuple[str, str], Episode] = {}
    index_pages: list[tuple[Channel, Note]] = []
    for note in notes:
        name = channel_name(note, fallback)
        channel = channels.get(name)
        if channel is None:
            channel = channels[name] = Channel(name)
        if note.video_id is None:
            channel.pages.append(note)
            if note.known:  # a stub's body is not read just to find out
                index_pages.append((channel, note))
            continue
        key = (name, note.video_id)
        episode = by_video.get(key)
        if episode is None:
            episode = by_video[key] = Episode(note.video_id, note.title)
            channel.episodes.append(episode)
        episode.notes.append(note)
    for channel, page in index_pages:
        _apply_index(channel, entries(page))
    for channel in channels.values():
        channel.episodes.sort(key=lambda e: (not e.named_by_index, e.title.lower() if not e.named_by_index else ""))
        channel.pages.sort(key=lambda n: (not is_index_page(n, channel.name), n.title.lower()))
        for episode in channel.episodes:
            if not episode.named_by_index:
                episode.notes.sort(key=lambda n: n.title.lower())
    return sorted(channels.values(), key=lambda c: c.name.lower())


def _apply_index(channel: Channel, listed: list[IndexEntry]) -> None:
    """Name the channel's episodes from its index page and order their notes as it lists them."""
    if not channel.episodes:
        return
    order = {entry.video_id: (rank, entry) for rank, entry in enumerate(listed)}
    for episode in channel.episodes:
        found = order.get(episode.video_id or "")
        if found is None:
            continue
        rank, entry = found
        episode.title, episode.named_by_index = entry.title or episode.title, True
        wanted = {target.strip().lower(): position for position, target in enumerate(entry.targets)}
        episode.notes.sort(key=lambda n: (wanted.get(n.stem.lower(), len(wanted)), n.title.lower()))
    ranks = {video: rank for video, (rank, _entry) in order.items()}
    channel.episodes.sort(key=lambda e: ranks.get(e.video_id or "", len(ranks)))
