"""The search index at work: cancelling, worker processes, reading during an update, the real corpus."""

from __future__ import annotations

import gc
import itertools
import threading
import weakref
from collections import defaultdict
from pathlib import Path

import pytest

from shownotes.core.index import Index
from shownotes.core.index import build as index_update
from shownotes.core.index.schema import CACHE_ENV
from shownotes.core.library import Library
from tests.disk import write_files as write

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "redpointai"
NOTES = {
    "one.md": '---\ntitle: One\nvideoId: aaaaaaaaaaa\n---\n## Pricing\n\nSeat pricing <a class="yt-timestamp" data-t="00:01:00">[00:01:00]</a>. [[two]]\n',
    "two.md": "# Two\n\nZebras and pricing [00:02:00]. [[one]]\n",
    "sub/three.md": "# Three\n\nNothing about money here.\n",
}



@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return write(tmp_path / "lib", NOTES)


@pytest.fixture
def index(library: Path) -> Index:
    opened = Index.open(library)
    assert opened.update().parsed == len(NOTES)
    yield opened
    opened.close()


def test_cancel_keeps_what_is_done_and_the_next_update_finishes(index: Index, library: Path) -> None:
    write(library, {f"more/n{n}.md": f"# N{n}\n\nnumbat {n}\n" for n in range(10)})
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            stop.set()

    first = index.update(progress=progress, should_stop=stop)
    assert first.cancelled and first.parsed == 3
    assert seen[-1] == (3, 10)
    assert len(index.search("numbat")) == 3
    second = index.update()
    assert (second.added, second.parsed, second.cancelled) == (7, 7, False)
    assert len(index.search("numbat")) == 10


def test_worker_processes_give_the_same_index(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_update, "POOL_MIN_FILES", 1)
    with Index.open(library) as opened:
        pooled_result = opened.update(workers=2)
        assert (pooled_result.parsed, pooled_result.workers) == (len(NOTES), 2)
        pooled = [(n.rel, n.title, n.headings, n.timestamps) for n in opened.notes()]
        hits = [(h.rel, h.section, h.seconds, h.snippet) for h in opened.search("pricing")]
    Path(f"{opened.db_path}").unlink()
    with Index.open(library) as again:
        assert again.update(workers=1).parsed == len(NOTES)
        assert [(n.rel, n.title, n.headings, n.timestamps) for n in again.notes()] == pooled
        assert [(h.rel, h.section, h.seconds, h.snippet) for h in again.search("pricing")] == hits


def test_reads_while_updating_on_another_thread(index: Index, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_update, "BATCH", 50)
    write(library, {f"bulk/b{n:03d}.md": f"# B{n}\n\nquokka number {n}\n" for n in range(300)})
    midway, resume = threading.Event(), threading.Event()
    outcome: list = []

    def progress(done: int, total: int) -> None:
        if done == 100:
            midway.set()
            resume.wait()

    def work() -> None:
        try:
            outcome.append(index.update(progress=progress, workers=1))
        finally:
            midway.set()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    midway.wait()
    seen_midway = len(index.search("quokka", limit=500))
    notes_midway = len(index.notes())
    resume.set()
    thread.join()
    assert index.problem is None
    assert (seen_midway, notes_midway) == (100, len(NOTES) + 100)  # two committed batches, while a write is open
    assert outcome[0].parsed == 300
    assert len(index.search("quokka", limit=500)) == 300


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    opened = Index.open(CORPUS, cache_dir=tmp_path_factory.mktemp("corpus-cache"))
    opened.update()
    yield opened
    opened.close()


def test_corpus_backlinks_match_the_library(corpus_index: Index) -> None:
    library = Library.open(CORPUS)
    expected = {rel: sorted(note.rel for note in notes) for rel, notes in library.backlinks().items()}
    for note in library.notes:
        assert corpus_index.backlinks(note.rel) == expected.get(note.rel, []), note.rel
    assert sum(1 for found in expected.values() if found) > 100


def test_corpus_episodes_match_the_library(corpus_index: Index) -> None:
    library = Library.open(CORPUS)
    by_video: dict[str, list[str]] = defaultdict(list)
    for note in library.notes:
        if note.video_id:
            by_video[note.video_id].append(note.rel)
    assert len(by_video) > 40
    for video, notes in by_video.items():
        assert corpus_index.episode(video) == sorted(notes)


def test_corpus_search_finds_a_known_quote(corpus_index: Index) -> None:
    hits = corpus_index.search('"spongebob squarepants" channel:redpointai', limit=10)
    assert "adobes_ai_strategy_and_product_development.md" in [hit.rel for hit in hits]
    hit = next(h for h in hits if h.rel == "adobes_ai_strategy_and_product_development.md")
    assert (hit.section_title, hit.seconds) == ("Adobe's Core AI Philosophy", 252)


def test_a_library_started_from_the_index_reads_files_whose_names_were_sanitised(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shownotes.core.catalog import FULL_READ_LIMIT, Stage, from_index

    odd = "odd\x1b[2Jname\u202e.md"  # a name the sidebar shows sanitised
    write(library, {f"bulk/n{n}.md": f"# N{n}\n\nfiller {n}\n" for n in range(FULL_READ_LIMIT)})
    write(library, {odd: "# Odd\n\nThe odd note's own words.\n"})
    with Index.open(library) as index:
        index.update()
    catalog = from_index(library)
    assert catalog is not None and catalog.stage is Stage.UNSCANNED  # the index path, no scan
    catalog.index.close()
    shown = [note for note in catalog.library.notes if note.title == "Odd"]
    assert len(shown) == 1 and "\x1b" not in shown[0].rel and shown[0].rel != odd
    assert shown[0].path == library / odd
    assert "The odd note's own words." in shown[0].loaded().text


def test_notes_added_from_the_index_after_a_scan_read_files_whose_names_were_sanitised(library: Path) -> None:
    from shownotes.core.merging import from_summary, reconcile

    odd = "tab\there_talk.md"
    with Index.open(library) as index:
        index.update()
        known = Library(library, [from_summary(library / s.rel, s.rel, s) for s in index.summaries()])
        write(library, {odd: "# Tabbed\n\nTabbed words.\n"})
        index.update()
        known, changed = reconcile(known, index.summaries())
        assert changed
    (added,) = [note for note in known.notes if note.title == "tab here_talk" or "tab" in note.rel]
    assert added.path == library / odd and "Tabbed words." in added.loaded().text


def test_a_new_snapshot_resolves_by_its_own_notes(tmp_path: Path) -> None:
    from shownotes.core.notes.note import stub

    lib = Library(tmp_path, [stub(tmp_path / "old_note.md", "old_note.md")])
    assert lib.resolve("NEW_NOTE") is None  # found by name only; this snapshot has no such note
    grown = lib.with_notes([*lib.notes, stub(tmp_path / "sub" / "new_note.md", "sub/new_note.md")])
    found = grown.resolve("NEW_NOTE")  # the new snapshot sees the new list; the old one is unchanged
    assert found is not None and found.rel == "sub/new_note.md"
    assert lib.resolve("NEW_NOTE") is None


def test_worker_records_are_let_go_once_read_and_come_in_order(tmp_path: Path) -> None:
    folder = write(tmp_path / "many", {f"n{n:02d}.md": f"# N{n}\n\nnumbat {n}\n" for n in range(40)})
    items = [(folder / f"n{n:02d}.md", f"n{n:02d}.md", None) for n in range(40)]
    records = index_update.in_workers(items, 2, 1, None, lambda: False)
    first = weakref.ref(next(records))
    rest = [record.raw for record in itertools.islice(records, 30)]
    gc.collect()
    assert first() is None  # the library's records are not all kept until the build ends
    rest += [record.raw for record in records]
    assert rest == [raw for _path, raw, _digest in items[1:]]
