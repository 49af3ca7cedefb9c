"""The live link to mpv, and what follows the playing time: pure Python, never imports textual."""

from .command import draws_in_terminal, is_live, mpv_argv, player_command, terminal_video
from .events import (
    DurationChanged,
    FileEnded,
    FileLoaded,
    Idle,
    LoadFailed,
    PauseChanged,
    PlaybackState,
    PlayerEvent,
    PlayerGone,
    PlayResult,
    TimeChanged,
)
from .ipc import Reply
from .media import MediaFinder, video_id_in_name
from .mpv import Player, media_argument
from .timeline import Moment, covering, current_moment, episode_timeline, moments_of, of_notes

__all__ = [
    "DurationChanged",
    "FileEnded",
    "FileLoaded",
    "Idle",
    "LoadFailed",
    "MediaFinder",
    "Moment",
    "PauseChanged",
    "PlayResult",
    "PlaybackState",
    "Player",
    "PlayerEvent",
    "PlayerGone",
    "Reply",
    "TimeChanged",
    "covering",
    "current_moment",
    "draws_in_terminal",
    "episode_timeline",
    "is_live",
    "media_argument",
    "moments_of",
    "mpv_argv",
    "of_notes",
    "player_command",
    "terminal_video",
    "video_id_in_name",
]
