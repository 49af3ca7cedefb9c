"""Messages the panes and the background workers post upward; the app routes them with `@on`.

Each is a small dataclass; a message that names the widget it came from has a `control`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:  # the index stack loads when it is first used, not at startup
    from textual.notifications import SeverityLevel

    from ..core.catalog import FileChange
    from ..core.index import UpdateResult
    from ..core.index.search import Hit
    from ..core.places import OpenRequest
    from ..core.player.events import PlayerEvent
    from ..core.player.timeline import Moment
    from ..core.state import Bookmark
    from ..render.view import NoteView

# -- from the panes ------------------------------------------------------------------------


@dataclass
class OpenNote(Message):
    """Show a note at a place (the sidebar, a related-note link, the palette); `read`: and read it
    (the reader takes the focus, so reading keys scroll it)."""

    request: OpenRequest
    read: bool = False


@dataclass
class TimestampChosen(Message):
    """A timestamp became the current one (panel cursor, reader link, palette)."""

    index: int
    source: Widget | None = field(default=None, repr=False)

    @property
    def control(self) -> Widget | None:
        return self.source


@dataclass
class ReaderMoved(Message):
    """The reader's top line moved into another section or past another timestamp."""

    section: int
    timestamp: int | None


class ReaderLaidOut(Message):
    """The reader shows a new layout (another note, width or theme), or finished laying one out."""


@dataclass
class WikiLinkFollowed(Message):
    """A `[[wiki link]]` of the note, by its index in the outline."""

    index: int


@dataclass
class WebLinkFollowed(Message):
    url: str


@dataclass
class CopyTimestamp(Message):
    """Copy one timestamp's deep link (as Markdown when asked); the panel names the row itself."""

    index: int
    markdown: bool = False


@dataclass
class PlayTimestamp(Message):
    index: int


@dataclass
class OpenHit(Message):
    """Open a search hit's note at its section and moment."""

    hit: Hit


@dataclass
class CopyHit(Message):
    hit: Hit


@dataclass
class PlayHit(Message):
    hit: Hit


@dataclass
class Copy(Message):
    """Copy a text (a link) and say how it was copied."""

    text: str


@dataclass
class ShowTimeline(Message):
    """Show the open note's episode timeline."""


@dataclass
class OpenBookmark(Message):
    bookmark: Bookmark


@dataclass
class RemoveBookmark(Message):
    bookmark: Bookmark


class UndoRemoveBookmark(Message):
    """Put back the bookmark removed last."""


@dataclass
class NoteShown(Message):
    """The desk shows a note (None: the one asked for could not be shown)."""

    view: NoteView | None


# -- from the background -------------------------------------------------------------------


@dataclass
class NoteLoaded(Message):
    """A heavy note parsed off the UI thread: its view, or why it could not be shown."""

    serial: int
    request: OpenRequest
    view: NoteView | None
    error: str | None = None


@dataclass
class LibraryChanged(Message):
    """The catalog holds a new snapshot of the library: the folder loaded, or titles read."""

    loaded: bool = False  # the pending folder was scanned: the shown note's links resolve now


@dataclass
class IndexProgress(Message):
    label: str
    done: int | None = None
    total: int | None = None


@dataclass
class IndexReady(Message):
    result: UpdateResult
    count: int
    changed: bool  # titles found by parsing, or notes added or gone: the sidebar shows them again


@dataclass
class IndexFailed(Message):
    reason: str


@dataclass
class FilesChanged(Message):
    """Note files changed on disk, already read (off the UI thread)."""

    changes: list[FileChange]


@dataclass
class Notice(Message):
    """Something the user should hear of (a toast)."""

    text: str
    severity: SeverityLevel = "warning"


# -- from the player -----------------------------------------------------------------------


@dataclass
class PlayerReport(Message):
    """What mpv said (its time, pause, a file loaded or failed, it went away)."""

    event: PlayerEvent


@dataclass
class PlayerResult(Message):
    """A call to the player finished; a play that could not start names the link to open instead."""

    ok: bool
    message: str
    fallback: str | None = None  # the deep link, for the browser
    seconds: int = 0


@dataclass
class MovedByHand(Message):
    """The reader or the Timestamps pane was moved by the user (following the player waits a while)."""


@dataclass
class EpisodeTimeline(Message):
    """Every moment of the episode of the note at `rel`, in time order."""

    rel: str
    moments: tuple[Moment, ...]


@dataclass
class FollowTo(Message):
    """The player plays at this timestamp of the note at `rel`: show it as the current one."""

    rel: str
    index: int
