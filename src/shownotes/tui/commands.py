"""Command palette providers: go to a note (fuzzy over every title), a section, or copy a timestamp."""

from __future__ import annotations

import re
from functools import partial
from itertools import islice
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message

from ..core.library import Library
from ..core.library.bookmarks import describe, in_library
from ..core.places import InSection, OpenRequest
from ..core.session import Session
from ..core.timecode import format_time
from ..render.view import NoteView
from .messages import Copy, OpenBookmark, OpenNote, RemoveBookmark, ShowTimeline, UndoRemoveBookmark


class Shownotes(Protocol):
    """What the providers read of the app; what they do goes to it as messages."""

    library: Library
    view: NoteView | None
    session: Session

    def post_message(self, message: Message) -> bool: ...

MAX_HITS = 40
MAX_CANDIDATES = 400
# Equal scores from different providers arrive in any order; a tiny per-kind nudge keeps the list
# stable (notes, then sections, then bookmarks, then timestamps).
NUDGE = {"note": 0.0004, "section": 0.0003, "bookmark": 0.0002, "timestamp": 0.0001}


def highlight(matcher: Matcher | list[Matcher], text: str) -> Content:
    """Matcher.highlight reads its text as markup; note titles are plain text, whatever brackets they hold.
    Several matchers (one per word of the query) highlight every word's letters."""
    content = Content(text)
    for one in matcher if isinstance(matcher, list) else [matcher]:
        _score, offsets = one.fuzzy_search.match(one.query, text)
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(one.match_style, offset, offset + 1)
    return content


def word_score(matchers: list[Matcher], text: str) -> float:
    """Every word of the query must match, in any order: the weakest word's score (0 when one misses)."""
    return min((one.match(text) for one in matchers), default=0.0)


def title_candidates(lowered: list[str], query: str, limit: int = MAX_CANDIDATES) -> list[int]:
    """Which titles are worth scoring: those holding the query as written first (they score best),
    then those holding each of its words in any order, then those holding its letters in order.
    Plain scans, so 20,000 titles take milliseconds."""
    needle = query.lower()
    found = list(islice((i for i, title in enumerate(lowered) if needle in title), limit))
    if len(found) >= MAX_HITS:
        return found
    seen = set(found)
    words = needle.split()
    if len(words) > 1:
        every = (i for i, title in enumerate(lowered) if i not in seen and all(word in title for word in words))
        found += islice(every, limit - len(found))
        seen = set(found)
        if len(found) >= MAX_HITS:
            return found
    chars = [ch for ch in needle if not ch.isspace()]
    if not chars:
        return found
    # `a[^b]*b[^c]*c`: the letters in order, matched without backtracking (`.*?` would retry each gap)
    pattern = re.compile(re.escape(chars[0]) + "".join(f"[^{re.escape(c)}]*{re.escape(c)}" for c in chars[1:]))
    more = (i for i, title in enumerate(lowered) if i not in seen and pattern.search(title))
    return found + list(islice(more, limit - len(found)))


class _AppProvider(Provider):
    @property
    def shownotes(self) -> Shownotes:
        return cast(Shownotes, self.app)

    def send(self, message: Message) -> None:
        self.app.post_message(message)


class NoteCommands(_AppProvider):
    """Go to any note by a fuzzy title, or to an episode by its video's title; a cheap regex
    pre-filter keeps 20,000 titles instant."""

    async def startup(self) -> None:
        library = self.shownotes.library
        self._notes = library.notes
        entries = [(note.title, f"Go to note: {note.title}", note) for note in self._notes]
        for channel in library.channels:  # grouped once (the sidebar reuses it): tens of ms for 20,000 notes
            for episode in channel.episodes:
                titles = {note.title for note in episode.notes}
                if episode.notes and episode.title and episode.title not in titles:
                    entries.append((episode.title, f"Go to episode: {episode.title}", episode.notes[0]))
        self._entries = entries
        self._lowered = [title.lower() for title, _text, _note in entries]

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query:
            return
        matcher = self.matcher(query)
        words = [self.matcher(word) for word in query.split()]

        def score(title: str) -> float:  # the query as a whole, else its words in any order
            return matcher.match(title) or (word_score(words, title) * 0.9 if len(words) > 1 else 0.0)

        candidates = title_candidates(self._lowered, query)
        scored = sorted(((score(self._entries[i][0]), i) for i in candidates), reverse=True)[:MAX_HITS]
        for points, i in scored:
            title, text, note = self._entries[i]
            if points > 0:
                yield Hit(
                    points + NUDGE["note"],
                    highlight(matcher if matcher.match(title) else words, text),
                    partial(self.send, OpenNote(OpenRequest(note.rel))),
                    text=text,
                    help=Content(note.rel),  # type: ignore[arg-type] - Content, so it is never read as markup
                )

    async def discover(self) -> Hits:
        """The notes read most recently (from the state file), else the first notes of the library."""
        app = self.shownotes
        recent = [app.library.note(rel) for rel in app.session.recent]
        shown = [note for note in recent if note is not None] or self._notes
        for note in shown[:20]:
            text = f"Go to note: {note.title}"
            command = partial(self.send, OpenNote(OpenRequest(note.rel)))
            yield DiscoveryHit(Content(text), command, text=text, help=Content(note.rel))  # type: ignore[arg-type]


class SectionCommands(_AppProvider):
    """Go to a section of the open note."""

    async def search(self, query: str) -> Hits:
        view = self.shownotes.view
        if view is None:
            return
        matcher = self.matcher(query)
        for section in view.outline.sections:
            if section.level == 0:
                continue
            text = f"Go to section: {section.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score + NUDGE["section"],
                    highlight(matcher, text),
                    partial(self.send, OpenNote(OpenRequest(view.note.rel, InSection(section.index)))),
                    text=text,
                )


class TimestampCommands(_AppProvider):
    """Copy the deep link of any timestamp of the open note."""

    async def search(self, query: str) -> Hits:
        view = self.shownotes.view
        if view is None:
            return
        matcher = self.matcher(query)
        for stamp in view.outline.timestamps:
            url = view.url(stamp.index)
            if url is None:
                continue
            text = f"Copy timestamp {format_time(stamp.seconds)}: {stamp.context[:70]}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score + NUDGE["timestamp"], highlight(matcher, text), partial(self.send, Copy(url)), text=text, help=Content(url)  # type: ignore[arg-type]
                )


class BookmarkCommands(_AppProvider):
    """Go to a bookmark of this library (found again by videoId and second), remove one, undo that."""

    async def startup(self) -> None:
        app = self.shownotes
        self._bookmarks = list(reversed(in_library(app.library, app.session.state.bookmarks)))

    def _undo(self) -> str | None:
        removed = self.shownotes.session.removed
        return f"Undo remove bookmark: {describe(removed[-1])}" if removed else None

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        undo = self._undo()
        if undo is not None and (score := matcher.match(undo)) > 0:
            yield Hit(score + NUDGE["bookmark"], highlight(matcher, undo), partial(self.send, UndoRemoveBookmark()), text=undo)
        for bookmark in self._bookmarks:
            for verb, message in (("Bookmark", OpenBookmark(bookmark)), ("Remove bookmark", RemoveBookmark(bookmark))):
                text = f"{verb}: {describe(bookmark)}"
                score = matcher.match(text)
                if score > 0:
                    yield Hit(score + NUDGE["bookmark"], highlight(matcher, text), partial(self.send, message), text=text)

    async def discover(self) -> Hits:
        undo = self._undo()
        if undo is not None:
            yield DiscoveryHit(Content(undo), partial(self.send, UndoRemoveBookmark()), text=undo)
        for bookmark in self._bookmarks[:20]:
            text = f"Bookmark: {describe(bookmark)}"
            yield DiscoveryHit(Content(text), partial(self.send, OpenBookmark(bookmark)), text=text)


class EpisodeCommands(_AppProvider):
    """The episode's timeline: every moment of all the notes about the open note's video."""

    def _text(self) -> str | None:
        view = self.shownotes.view
        episode = self.shownotes.library.episode_of(view.note) if view is not None else None
        return f"Episode timeline: {episode.title}" if episode is not None else None

    async def search(self, query: str) -> Hits:
        text = self._text()
        if text is None:
            return
        matcher = self.matcher(query)
        score = matcher.match(text)
        if score > 0:
            yield Hit(score + NUDGE["section"], highlight(matcher, text), partial(self.send, ShowTimeline()), text=text)

    async def discover(self) -> Hits:
        text = self._text()
        if text is not None:
            yield DiscoveryHit(Content(text), partial(self.send, ShowTimeline()), text=text)
