"""The command line answered from the search index says exactly what a full read and parse says
(`--no-index`), on the real corpus and on the hostile library, and parses no note to say it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from shownotes.core.index import Index
from shownotes.core.index import memory as memory_module
from shownotes.core.index.memory import remember
from shownotes.core.library import grouping
from shownotes.core.notes.note import Note
from tests.conftest import CORPUS
from tests.disk import write_files
from tests.hostile.corpus import write_library
from tests.unit.clirun import run

CORPUS_NOTE = "redpointai/ai_policy_and_regulation.md"


def indexed(root: Path, cache: Path) -> Path:
    with Index.open(root, cache_dir=cache) as index:
        result = index.update(workers=1)
    assert result.error is None and result.parsed > 0
    return root


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, str]]:
    """(library, cache folder holding its index, a note of it by name), each indexed once."""
    cache = tmp_path_factory.mktemp("cache")
    hostile = write_library(tmp_path_factory.mktemp("hostile") / "hostile")
    found = {"hostile": (indexed(hostile, cache), cache, "Bad id")}
    if CORPUS.is_dir():
        found["corpus"] = (indexed(CORPUS, cache), cache, CORPUS_NOTE)
    return found


# (id, argv after the library and note are put in, whether answering it from the index parses no note)
COMMANDS = [
    ("list", ["list", "{lib}"], True),
    ("list --json", ["list", "{lib}", "--json"], True),
    ("check", ["check", "{lib}"], True),
    ("check --json", ["check", "{lib}", "--json"], True),
    ("check --kind", ["check", "{lib}", "--kind", "unresolved-link", "--kind", "frontmatter"], True),
    ("links", ["links", "{note}", "{lib}"], False),
    ("links --json", ["links", "{note}", "{lib}", "--json"], False),
    ("links --episode", ["links", "{note}", "{lib}", "--episode", "--json"], False),
    ("show", ["show", "{note}", "{lib}", "--width", "80"], False),
]
CASES = [
    pytest.param(library, argv, parses_none, id=f"{library}: {name}")
    for library in ("corpus", "hostile")
    for name, argv, parses_none in COMMANDS
]


def no_parse(note: Note):
    raise AssertionError("a note was parsed (or an index page read), though the index holds it")


@pytest.mark.parametrize(("library", "argv", "parses_none"), CASES)
def test_answer_from_the_index_is_the_full_parse(
    libraries, library: str, argv: list[str], parses_none: bool, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    if library not in libraries:
        pytest.skip(f"no corpus at {CORPUS}")
    root, cache, note = libraries[library]
    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(cache))
    argv = [part.format(lib=root, note=note) for part in argv]
    full = run(capsys, *argv, "--no-index")
    if parses_none:  # nor reads a channel's index page again
        monkeypatch.setattr(Note, "parse", no_parse)
        monkeypatch.setattr(grouping, "index_entries", no_parse)
    warm = run(capsys, *argv)
    assert warm == full
    assert full[1], "the command printed nothing to compare"


def test_search_warm_is_search_cold(libraries, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache, _note = libraries["hostile"]
    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(cache))
    warm = [run(capsys, "search", "wombat", str(root), *extra) for extra in ([], ["--json"])]
    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(cache.parent / "fresh-cache"))
    cold = [run(capsys, "search", "wombat", str(root), *extra) for extra in ([], ["--json"])]
    assert warm == cold
    assert all(code == 0 and out for code, out, _err in warm)


def edited_library(tmp_path: Path) -> Path:
    root = write_files(
        tmp_path / "lib",
        {
            "chan/a.md": "---\ntitle: A\nvideoId: AAAAAAAAAAA\n---\n# A\n\nSee [[b]] and [[nowhere]] [00:00:05].\n",
            "chan/b.md": "---\nvideoId: AAAAAAAAAAA\n---\n# Bee heading\n\n## One\n\ntext [00:01:00]\n",
            "chan/c.md": "---\ntitle: [1, 2]\n---\nbody <a class=\"yt-timestamp\" data-t=\"bad\">[x]</a>\n",
            "chan/chan.md": "# Chan\n\n### [Episode from the page](https://www.youtube.com/watch?v=AAAAAAAAAAA)\n\n- [[b]]\n- [[a]]\n",
        },
    )
    return indexed(root, Path(os.environ["SHOWNOTES_CACHE_DIR"]))


def change_files(root: Path) -> None:
    b = root / "chan" / "b.md"
    b.write_text("---\ntitle: B now titled\nvideoId: AAAAAAAAAAA\n---\n# B\n\nmore [[c]] text [00:02:00]\n", encoding="utf-8")
    os.utime(b, ns=(b.stat().st_atime_ns, b.stat().st_mtime_ns + 10**9))  # a later mtime, even on a coarse clock
    (root / "chan" / "c.md").unlink()
    write_files(root, {"chan/d.md": "# D\n\n[[a]] [[c]]\n", "top.md": "---\ntitle: unclosed\n\nbody\n"})


# (id, what is done to the indexed library and its index file, the update limit, notes the index update
# parses first: None when there is no usable index, so the listing reads everything; whether the index is left be)
LIMIT = memory_module.UPDATE_LIMIT
CHANGES = [
    ("unchanged", lambda root, db: None, LIMIT, 0, True),
    ("edited, added, deleted", lambda root, db: change_files(root), LIMIT, 3, False),
    ("over the update limit", lambda root, db: change_files(root), 0, 0, True),
    ("another process building", lambda root, db: (_building(db), change_files(root)), LIMIT, 0, True),
    ("an index of another schema", lambda root, db: _old_schema(db), LIMIT, None, True),
    ("no index yet", lambda root, db: _no_index(db), LIMIT, None, True),
]


def _building(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO meta VALUES ('building', '1')")


def _old_schema(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 2")


def _no_index(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def index_files(db: Path) -> object:
    """What the index holds of each file, and its schema version; None when there is no index file."""
    if not db.exists():
        return None
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA user_version").fetchone(), conn.execute("SELECT path, size, mtime_ns FROM files ORDER BY path").fetchall()
    finally:
        conn.close()


def without_notice(err: str) -> str:
    notices = ("the search index lacks", "another shownotes is updating")
    return "".join(line for line in err.splitlines(keepends=True) if not any(notice in line for notice in notices))


@pytest.mark.parametrize(("change", "limit", "updated", "left"), [pytest.param(*case[1:], id=case[0]) for case in CHANGES])
def test_changed_library_answers_as_a_full_parse(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, change, limit: int, updated: int | None, left: bool
) -> None:
    root = edited_library(tmp_path)
    with Index.open(root) as index:
        db = index.db_path
    monkeypatch.setattr(memory_module, "UPDATE_LIMIT", limit)
    change(root, db)
    before = index_files(db)
    remembered = remember(root)
    if updated is None:
        assert remembered is None
    else:
        assert remembered is not None and remembered.updated == updated
    for argv in (["list"], ["list", "--json"], ["check"], ["check", "--json"]):
        warm, full = run(capsys, argv[0], str(root), *argv[1:]), run(capsys, argv[0], str(root), *argv[1:], "--no-index")
        assert warm[:2] == full[:2]
        assert without_notice(warm[2]) == full[2]
    if left:
        assert index_files(db) == before, "a listing changed the index"


def test_an_updated_index_answers_next_time_without_reading(tmp_path: Path) -> None:
    root = edited_library(tmp_path)
    change_files(root)
    first = remember(root)
    again = remember(root)
    notes = ["chan/a.md", "chan/b.md", "chan/chan.md", "chan/d.md", "top.md"]
    assert first is not None and first.updated == 3 and sorted(first.facts) == notes
    assert again is not None and again.updated == 0 and again.read_here == [] and sorted(again.facts) == notes
    assert again.facts["chan/b.md"].title == "B now titled" and again.facts["chan/b.md"].links == ("c",)
    assert again.facts["chan/b.md"].unresolved == ("c",) and again.facts["chan/d.md"].unresolved == ("c",)
    assert again.facts["chan/a.md"].unresolved == ("nowhere",)  # as the index resolved them
    (episode,) = again.library.channel("chan").episodes  # named and ordered by the index page, as the index read it
    assert episode.title == "Episode from the page" and [note.rel for note in episode.notes] == ["chan/b.md", "chan/a.md"]


def test_over_the_limit_says_so(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    root = edited_library(tmp_path)
    change_files(root)
    monkeypatch.setattr(memory_module, "UPDATE_LIMIT", 0)
    code, _out, err = run(capsys, "list", str(root))
    assert code == 0 and "the search index lacks 3 notes" in err
