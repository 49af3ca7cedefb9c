"""A folder of notes: the library snapshot, channels and episodes, wiki-link resolution, bookmarks."""

from .library import Library, LibraryWarning, scan
from .links import slug

__all__ = ["Library", "LibraryWarning", "scan", "slug"]
