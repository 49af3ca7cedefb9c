"""Pilot tests of the library kept up to date: live reload, related-note blocks, cold start, no writes."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest
from textual.widgets import Label, ProgressBar

from shownotes.core.catalog import Stage, open_for_reader
from shownotes.core.index import Index
from shownotes.tui.app import ShownotesApp
from shownotes.tui.screens.search import SearchScreen

from ..conftest import build_app
from ..disk import write_files
from ..waiting import WAIT_SECONDS, index_ready, wait_for

SIZE = (140, 40)
FILLER = "Filler sentence about nothing in particular that wraps across the reader's width. " * 5

@pytest.fixture
def app_factory(effects):
    """These tests are about the background work: the index and the watcher run."""
    return lambda library=None, **options: build_app(library, effects, **{"background": True, **options})



def paragraphs(tag: str, count: int) -> str:
    return "\n\n".join(f"{FILLER}({tag} {n})" for n in range(count))


def alpha_text(first_section_extra: str = "", second_word: str = "orchard") -> str:
    return f"""---
title: Alpha
videoId: AAAAAAAAAAA
---
## One

{paragraphs("one", 6)}
{first_section_extra}
Alpha opens [00:00:10].

## Two

{paragraphs("two", 6)}

The {second_word} paragraph [00:02:00].

## Three

{paragraphs("three", 6)}

Alpha ends [00:05:00].
"""


LIBRARY = {
    "pod/alpha.md": alpha_text(),
    "pod/beta.md": "---\ntitle: Beta\nvideoId: AAAAAAAAAAA\n---\n## Beta\n\nBack to [[alpha]] [00:03:00].\n",
    "pod/epsilon.md": "---\ntitle: Epsilon\nvideoId: AAAAAAAAAAA\n---\n## Epsilon\n\nSame episode, no link [00:04:00].\n",
    "pod/gamma.md": "---\ntitle: Gamma\nvideoId: GGGGGGGGGGG\n---\n## Gamma\n\nSee [[Alpha]] too [00:00:30].\n",
    "other/delta.md": "---\ntitle: Delta\nvideoId: DDDDDDDDDDD\n---\n## Delta\n\nNo links here [00:00:40].\n",
}



def many_notes(count: int, channels: int = 4) -> dict[str, str]:
    return {
        f"chan_{n % channels}/note_{n:04d}.md": f"---\ntitle: Note {n:04d}\nvideoId: V{n:010d}\n---\n"
        f"## Part\n\nWords of note {n} about kelp{n} [00:0{n % 10}:00]. See [[note_{(n + 1) % count:04d}]].\n"
        for n in range(count)
    }


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_files(tmp_path / "library", LIBRARY)





def shown(app: ShownotesApp) -> str:
    return app.reader.text_layout.plain() if app.reader.text_layout is not None else ""


def found(app: ShownotesApp, query: str) -> list[str]:
    return [hit.rel for hit in app.index.search(query)] if app.index is not None else []


# -- live reload -------------------------------------------------------------------------


async def test_edit_of_the_open_note_shows_at_the_same_reading_position(app_factory, library):
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("pod/alpha.md")
        await pilot.pause()
        await pilot.press("right_square_bracket", "j", "j", "j")  # into section Two, three lines down
        await pilot.pause()
        before, top = app.reader.position(), app.reader.top_line
        two = next(s.index for s in app.view.outline.sections if s.title == "Two")
        assert before == (two, 3)
        path = library / "pod/alpha.md"
        edit = lambda: path.write_text(  # noqa: E731
            alpha_text(first_section_extra="\nA paragraph added above.\n", second_word="kumquat"), encoding="utf-8"
        )
        edit()
        await wait_for(pilot, lambda: "kumquat" in shown(app), "the edited text on screen", rewrite=edit)
        await pilot.pause()
        assert app.view.note.rel == "pod/alpha.md"
        assert "orchard" not in shown(app) and "A paragraph added above." in shown(app)
        assert app.reader.position() == before
        assert app.reader.top_line > top  # the text above grew; the reader kept its place in section Two
        await wait_for(pilot, lambda: found(app, "kumquat") == ["pod/alpha.md"], "the index to follow")
        assert found(app, "orchard") == []


async def test_live_reload_reads_files_off_the_ui_thread(app_factory, library, monkeypatch):
    from shownotes.core import catalog

    readers: list[threading.Thread] = []
    read_note = catalog.read_note

    def recording(path, rel):
        readers.append(threading.current_thread())
        return read_note(path, rel)

    monkeypatch.setattr(catalog, "read_note", recording)
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        app.open_note("pod/beta.md")
        await pilot.pause()
        path = library / "pod/beta.md"
        edit = lambda: path.write_text(LIBRARY["pod/beta.md"].replace("Back to", "Onward to"), encoding="utf-8")  # noqa: E731
        edit()
        await wait_for(pilot, lambda: "Onward to" in shown(app), "the edited note", rewrite=edit)
        assert readers and threading.main_thread() not in readers  # the app's loop runs on the main thread


async def test_added_note_appears_in_library_sidebar_and_index(app_factory, library):
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("pod/alpha.md")
        await pilot.pause()
        path = library / "pod/zeta.md"
        add = lambda: path.write_text(  # noqa: E731
            "---\ntitle: Zeta\nvideoId: ZZZZZZZZZZZ\n---\n## Zeta\n\nA xylophonist arrives [00:01:00].\n", encoding="utf-8"
        )
        add()
        await wait_for(pilot, lambda: app.library.note("pod/zeta.md") is not None, "the new note", rewrite=add)
        await pilot.pause()
        node = app.sidebar.note_node("pod/zeta.md")
        assert node is not None and str(node.label) == "Zeta"
        assert app.view.note.rel == "pod/alpha.md"
        await wait_for(pilot, lambda: found(app, "xylophonist") == ["pod/zeta.md"], "the index to follow")


async def test_deleted_open_note_warns_and_stays_shown(app_factory, library):
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("pod/alpha.md")
        await pilot.pause()
        assert found(app, "orchard") == ["pod/alpha.md"]
        await wait_for(pilot, lambda: app.reader.text_layout.complete, "the whole note laid out")
        last = "Alpha ends ▶\u00a000:05:00."
        text = shown(app)
        body = text[: text.index(last) + len(last)]  # the note itself; its related blocks may follow the index
        (library / "pod/alpha.md").unlink()
        await wait_for(pilot, lambda: any("was deleted" in n for n in app.notices), "the deletion warning")
        await wait_for(pilot, lambda: app.reader.text_layout.complete, "the note laid out again")  # in slices
        assert app.view.note.rel == "pod/alpha.md"
        assert shown(app).startswith(body)
        assert app.library.note("pod/alpha.md") is None
        assert app.sidebar.note_node("pod/alpha.md") is None
        assert app.sidebar.note_node("pod/gamma.md") is not None  # its channel stays open in the sidebar
        await wait_for(pilot, lambda: found(app, "orchard") == [], "the index to drop the note")
        await pilot.press("j")
        assert app.reader.top_line == 1
        await pilot.press("n")  # moving on from a note that is gone
        await pilot.pause()
        assert app.view.note.rel != "pod/alpha.md"
        assert app.is_running


async def test_open_note_deleted_then_recreated_shows_the_new_text(app_factory, library):
    # Sync tools, `git checkout` and some editors' saves delete a file and create it again.
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("pod/alpha.md")
        await pilot.pause()
        path = library / "pod/alpha.md"
        path.unlink()
        await wait_for(pilot, lambda: app.library.note("pod/alpha.md") is None, "the deletion")
        back = lambda: path.write_text(alpha_text(second_word="kumquat"), encoding="utf-8")  # noqa: E731
        back()
        await wait_for(pilot, lambda: app.library.note("pod/alpha.md") is not None, "the note back", rewrite=back)
        await wait_for(pilot, lambda: found(app, "kumquat") == ["pod/alpha.md"], "the index to follow")
        await pilot.pause()
        assert "kumquat" in shown(app)
        assert app.view.note is app.library.note("pod/alpha.md")


def watching(app: ShownotesApp) -> bool:
    return any(worker.group == "watch" and worker.is_running for worker in app.workers)


async def test_live_reload_works_for_a_library_opened_by_a_relative_path(effects, library, monkeypatch):
    monkeypatch.chdir(library.parent)
    app = build_app(open_for_reader(library.name), effects, background=True)  # as `shownotes library` from its parent
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("pod/alpha.md")
        await pilot.pause()
        path = library / "pod/alpha.md"
        edit = lambda: path.write_text(alpha_text(second_word="kumquat"), encoding="utf-8")  # noqa: E731
        edit()
        await wait_for(
            pilot, lambda: "kumquat" in shown(app) or not watching(app), "the edit, or the watcher's end", rewrite=edit
        )
        assert "kumquat" in shown(app)
        assert watching(app)


# -- related notes -----------------------------------------------------------------------


async def alpha_indexed_and_laid_out(pilot, app: ShownotesApp) -> None:
    """The index ready (so the related blocks are there) and pod/alpha.md shown, laid out to its end."""
    await index_ready(pilot, app)
    app.open_note("pod/alpha.md")
    await pilot.pause()
    await wait_for(pilot, lambda: app.reader.text_layout.complete, "the whole note laid out")


@pytest.mark.parametrize(
    ("block", "listed", "follow"),
    [
        ("Linked from (2)", ["Beta", "Gamma"], "pod/gamma.md"),
        ("Other notes of this episode (2)", ["Beta", "Epsilon"], "pod/epsilon.md"),
    ],
)
async def test_related_block_lists_notes_and_follows_one(app_factory, library, block, listed, follow):
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await alpha_indexed_and_laid_out(pilot, app)
        lines = [line.strip() for line in shown(app).splitlines()]
        assert block in lines
        start = lines.index(block) + 1
        items = []
        while start < len(lines) and lines[start].startswith("• "):
            items.append(lines[start].removeprefix("• "))
            start += 1
        assert items == listed
        assert "Linked from (2)" in lines and lines.index("Linked from (2)") > lines.index("Alpha ends ▶\u00a000:05:00.")
        link = next(i for i, span in enumerate(app.reader.links) if (span.kind, span.key) == ("note", follow))
        app.reader.select_link(link)
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.note.rel == follow


# -- a large library --------------------------------------------------------------------


@pytest.fixture
def gated_progress(monkeypatch: pytest.MonkeyPatch):
    """Index.update reports its first progress, then waits for the gate: 'while indexing' without a race."""
    gate, reported = threading.Event(), threading.Event()
    updating = Index.updating

    def gated(self: Index, *args, **kwargs):
        steps = updating(self, *args, **kwargs)
        while True:
            try:
                step = next(steps)
            except StopIteration as finished:
                return finished.value
            yield step
            reported.set()
            gate.wait(WAIT_SECONDS)

    monkeypatch.setattr(Index, "updating", gated)
    yield gate, reported
    gate.set()


async def test_cold_start_of_a_large_library_is_usable_before_indexing_ends(tmp_path, effects, gated_progress):
    gate, reported = gated_progress
    root = write_files(tmp_path / "big", many_notes(320))
    catalog = open_for_reader(root)
    assert catalog.index is not None and catalog.stage is Stage.LISTED  # the path a large folder takes
    app = build_app(catalog, effects, background=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, reported.is_set, "indexing to report progress")
        await pilot.pause()
        assert not app.index_ready
        label = str(app.status.query_one(Label).content)
        assert label.startswith("Indexing ") and label.endswith("/320")
        assert app.status.query_one(ProgressBar).display
        assert app.view is not None and "Words of note 0 about kelp0" in shown(app)
        assert [str(node.label).split()[0] for node in app.sidebar.root.children] == [f"chan_{n}" for n in range(4)]
        first = app.view.note.rel
        await pilot.press("n")
        await pilot.pause()
        assert app.view.note.rel != first
        gate.set()
        await index_ready(pilot, app)
        assert str(app.status.query_one(Label).content) == "320 notes indexed"
        assert not app.status.query_one(ProgressBar).display
        await pilot.press("slash")
        app.screen.query_one("#search-input").value = "kelp17"
        await wait_for(pilot, lambda: app.screen.searched == "kelp17", "search results")
        assert [hit.rel for hit in app.screen.hits] == ["chan_1/note_0017.md"]


# -- the library is only read -------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, int, str] | None]:
    """Every path under root (hidden ones too): folders as None, files as (size, mtime_ns, sha256)."""
    seen: dict[str, tuple[int, int, str] | None] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            seen[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            path = Path(folder, name)
            info = path.stat()
            seen[os.path.relpath(path, root)] = (info.st_size, info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return seen


@pytest.mark.parametrize("count", [0, 320], ids=["small", "large"])
async def test_a_full_run_leaves_the_library_untouched_and_indexes_in_the_cache(tmp_path, effects, isolated_home, count):
    root = write_files(tmp_path / "library", {**LIBRARY, **many_notes(count)})
    before = snapshot(root)
    app = build_app(open_for_reader(root), effects, background=True)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("pod/alpha.md")
        await pilot.pause()
        await pilot.press("right_square_bracket", "c", "slash", *"orchard")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.searched == "orchard", "search")
        await pilot.press("enter")
        await pilot.pause()
        app.theme = "nord"
        await pilot.press("q")
    assert snapshot(root) == before
    cache = Path(os.environ["SHOWNOTES_CACHE_DIR"])
    assert cache == isolated_home / "cache"
    assert app.index.db_path.is_file() and app.index.db_path.is_relative_to(cache)
    assert Path(os.environ["SHOWNOTES_STATE"]).is_file()  # state was saved, elsewhere



@pytest.mark.parametrize("key", ["l", "h"])
async def test_l_and_h_reach_the_related_notes_at_the_end(app_factory, library, key):
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await alpha_indexed_and_laid_out(pilot, app)
        related = [(span.kind, span.key) for span in app.reader.links if span.kind == "note"]
        assert related  # the blocks' notes are links of the reader
        await pilot.press("G")
        visited = []
        for _ in app.reader.links:
            await pilot.press(key)
            link = app.reader.links[app.reader._cursor]
            visited.append((link.kind, link.key))
        assert set(related) <= set(visited)
        if key == "h":  # from the end, backwards: the last related note comes first
            assert visited[0] == related[-1]
