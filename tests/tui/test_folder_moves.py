"""A channel folder moved out of the library leaves the sidebar, the library and search; moved back
under a new name it comes back with its notes, as the CLI would see it (live, with the watcher)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..conftest import build_app
from ..disk import write_files
from ..waiting import index_ready, wait_for

LIBRARY = {
    "pod/alpha.md": "---\ntitle: Alpha\nvideoId: AAAAAAAAAAA\n---\n## One\n\nAlpha speaks of quinces [00:00:10].\n",
    "pod/beta.md": "---\ntitle: Beta\nvideoId: BBBBBBBBBBB\n---\n## Two\n\nBeta speaks of quinces too [00:00:20].\n",
    "other/delta.md": "---\ntitle: Delta\nvideoId: DDDDDDDDDDD\n---\n## Delta\n\nDelta stays [00:00:40].\n",
}


@pytest.fixture
def app_factory(effects):
    """The index and the watcher run: they are what this is about."""
    return lambda library=None, **options: build_app(library, effects, **{"background": True, **options})


def found(app, query: str) -> list[str]:
    return sorted(hit.rel for hit in app.index.search(query)) if app.index is not None else []


def in_sidebar(app, rel: str) -> bool:
    return app.sidebar.note_node(rel) is not None or any(
        node.data.channel == rel.split("/", 1)[0] for node in app.sidebar.root.children
    )


async def test_a_channel_folder_moved_out_and_back_under_a_new_name(app_factory, tmp_path: Path) -> None:
    root = write_files(tmp_path / "library", LIBRARY)
    outside = tmp_path / "elsewhere"
    app = app_factory(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await index_ready(pilot, app)
        app.open_note("other/delta.md")
        probe = root / "other" / "probe.md"
        touch = lambda: probe.write_text("---\ntitle: Probe\n---\nThe watcher listens.\n", encoding="utf-8")  # noqa: E731
        touch()  # once the watcher reads this, it sees the move below
        await wait_for(pilot, lambda: app.library.note("other/probe.md") is not None, "the watcher", rewrite=touch)
        assert found(app, "quinces") == ["pod/alpha.md", "pod/beta.md"]
        assert in_sidebar(app, "pod/alpha.md")

        os.rename(root / "pod", outside)
        await wait_for(pilot, lambda: app.library.note("pod/alpha.md") is None, "the moved notes to leave the library")
        assert app.library.note("pod/beta.md") is None
        assert not in_sidebar(app, "pod/alpha.md") and not in_sidebar(app, "pod/beta.md")
        await wait_for(pilot, lambda: found(app, "quinces") == [], "search to lose the moved notes")
        assert app.view.note.rel == "other/delta.md"

        os.rename(outside, root / "podcast")
        await wait_for(pilot, lambda: app.library.note("podcast/alpha.md") is not None, "the folder back under its new name")
        assert app.library.note("podcast/beta.md") is not None
        assert [node.data.channel for node in app.sidebar.root.children] == ["other", "podcast"]
        await wait_for(pilot, lambda: found(app, "quinces") == ["podcast/alpha.md", "podcast/beta.md"], "search to find them")
        app.open_note("podcast/beta.md")
        await wait_for(pilot, lambda: app.view.note.rel == "podcast/beta.md", "the moved note to open")
        assert "Beta speaks of quinces too" in app.view.note.text
