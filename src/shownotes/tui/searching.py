"""The library search as the app uses it: the screen opened on the last query, the status it shows,
its results refreshed when the index is finished, and stepping through its hits from the reader."""

from __future__ import annotations

from textual.app import App

from ..core.catalog import Catalog
from ..core.index.trail import Trail
from . import messages as msg


class Searches:
    def __init__(self, app: App, catalog: Catalog) -> None:
        self.app, self.catalog = app, catalog
        self.trail = Trail()

    def status(self) -> str:
        if self.catalog.index is None:
            return "The index is being prepared; results will appear as it fills."
        if not self.catalog.indexed:
            return "Indexing…: results so far."
        return ""

    def open(self) -> None:
        from .screens.search import SearchScreen  # its widgets load on first use, not at startup

        library = self.catalog.library.root
        screen = SearchScreen(lambda: self.catalog.index, self.status, self.trail, library, self.catalog.cache_dir)
        self.app.push_screen(screen)

    def index_ready(self) -> None:
        """Results shown while indexing are searched again over the whole index."""
        from .screens.search import SearchScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.search_again()

    def step(self, direction: int) -> None:
        found = self.trail.step(direction)
        if found is None:
            self.app.notify("No search results to step through: / searches the library", severity="information")
            return
        position, hit = found
        self.app.post_message(msg.OpenHit(hit))
        self.app.notify(hit.title, title=f"Search hit {position + 1}/{len(self.trail.hits)}: {self.trail.query}", markup=False)
