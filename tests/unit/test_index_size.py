"""The contentless index (schema 5): hits made from the note files say what a stored copy of the text
said, a note changed since indexing never shows a wrong snippet, old documents of edited notes stay
unseen until `search` is rebuilt, and a build leaves no WAL behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shownotes.core.index import Index, build, store
from shownotes.core.index.schema import TOKENIZE
from shownotes.core.index.search import MATCH_END, MATCH_START, parse_query, place
from shownotes.core.library import scan
from tests.conftest import CORPUS
from tests.disk import write_files
from tests.hostile.corpus import write_library

NOTES = {
    "alpha.md": "---\ntitle: Alpha\n---\n# Alpha\n\nZebras graze at dawn "
    '<a class="yt-timestamp" data-t="00:01:00">[00:01:00]</a>.\n\n## Later\n\nOkapi and zebras meet.\n',
    "beta.md": "---\ntitle: Beta\n---\nNothing about stripes, only pricing and zebras.\n",
}


def indexed(root: Path, cache: Path) -> Index:
    index = Index.open(root, cache_dir=cache)
    result = index.update(workers=1)
    assert result.error is None
    return index


class StoredCopy:
    """What schema 4 answered: an FTS5 table holding the text, its snippet() and highlight()."""

    def __init__(self, index: Index, root: Path) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute(f"CREATE VIRTUAL TABLE search USING fts5 (title, headings, body, tokenize = '{TOKENIZE}')")
        self.records = {}
        titles = {note.rel: note.title for note in index.notes()}
        files, _warnings = scan(root)
        for number, (path, raw) in enumerate(files, start=1):
            record = build.extract(path, raw)
            if record.error is None:
                self.records[number] = record
                self.conn.execute(
                    "INSERT INTO search (rowid, title, headings, body) VALUES (?, ?, ?, ?)",
                    (number, titles[build.public_rel(raw)], store.heading_text(record.headings), record.body),
                )

    def hits(self, query: str) -> list[tuple]:
        rows = self.conn.execute(
            f"SELECT rowid, snippet(search, 2, '{MATCH_START}', '{MATCH_END}', '…', 16),"
            f" highlight(search, 1, '{MATCH_START}', '{MATCH_END}') FROM search WHERE search MATCH ?"
            " ORDER BY bm25(search, 8.0, 4.0, 1.0) LIMIT 50",
            (parse_query(query).fts(),),
        ).fetchall()
        out = []
        for number, marked, heads in rows:
            record = self.records[number]
            spot = place(record.body, marked, heads, list(record.headings), list(record.starts), list(record.stamps))
            out.append((build.public_rel(record.raw), spot.section, spot.seconds, spot.snippet))
        return out


def query_words(root: Path) -> list[str]:
    """Words, a phrase and a prefix from the notes' own text, the same every run."""
    words: list[str] = []
    files, _warnings = scan(root)
    for path, raw in files[:40]:
        record = build.extract(path, raw)
        found = record.body.split()
        words += [word for word in found[3:6] if word.isalpha()]
        if len(found) > 10 and found[8].isalpha() and found[9].isalpha():
            words.append(f'"{found[8]} {found[9]}"')
    return sorted(set(words))[:60] + ["zebra*", "pricing", "no-such-word-anywhere"]


LIBRARIES = ["fixtures", "hostile", "corpus"]


@pytest.mark.parametrize("name", LIBRARIES)
def test_hits_from_the_files_equal_a_stored_copy(name: str, tmp_path: Path) -> None:
    if name == "corpus" and not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    root = {"fixtures": lambda: write_files(tmp_path / "lib", NOTES), "hostile": lambda: write_library(tmp_path / "lib"),
            "corpus": lambda: CORPUS}[name]()
    with indexed(root, tmp_path / "cache") as index:
        queries = query_words(root)
        assert len(queries) > 3
        copy = StoredCopy(index, root)
        for query in queries:
            got = [(hit.rel, hit.section, hit.seconds, hit.snippet) for hit in index.search(query)]
            assert got == copy.hits(query), query


def no_change(path: Path) -> None:
    return None


def still_matching(path: Path) -> None:
    path.write_text("---\ntitle: Alpha\n---\nA new first line, zebras again.\n", encoding="utf-8")


def no_longer_matching(path: Path) -> None:
    path.write_text("---\ntitle: Alpha\n---\nOnly giraffes now.\n", encoding="utf-8")


def deleted(path: Path) -> None:
    path.unlink()


def made_a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


# How alpha.md changes after indexing: its hit for "zebras" shows what was indexed (as a stored copy did),
# never words read from a file the index has not caught up with, until the next update.
CHANGES = [no_change, still_matching, no_longer_matching, deleted, made_a_folder]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_a_note_changed_since_indexing_shows_what_was_indexed(tmp_path: Path, change) -> None:
    root = write_files(tmp_path / "lib", NOTES)
    with indexed(root, tmp_path / "cache") as index:
        change(root / "alpha.md")
        hits = {hit.rel: hit for hit in index.search("zebras")}
        assert set(hits) == {"alpha.md", "beta.md"}
        assert hits["alpha.md"].snippet_text == "Zebras graze at dawn. Okapi and zebras meet."
        assert hits["alpha.md"].section == 1
        assert hits["beta.md"].snippet_text == "Nothing about stripes, only pricing and zebras."


def documents(index: Index) -> tuple[int, int]:
    """(old documents kept unseen in `search`, notes whose text it holds)"""
    return index.fetch(lambda conn: [(store.gone_count(conn), conn.execute("SELECT count(doc) FROM files").fetchone()[0])])[0]


def test_edits_leave_old_text_unseen_until_search_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "BATCH", 3)
    root = write_files(tmp_path / "lib", NOTES)
    with indexed(root, tmp_path / "cache") as index:
        for number in range(1, 5):
            (root / "alpha.md").write_text(f"---\ntitle: Alpha\n---\nEdit number{number} of the note.\n", encoding="utf-8")
            assert index.update(workers=1).parsed == 1
            assert [hit.rel for hit in index.search(f"number{number}")] == ["alpha.md"]
            assert [hit.rel for hit in index.search("zebras")] == ["beta.md"]
            assert documents(index) == (number, 2)
        (root / "alpha.md").unlink()
        result = index.update(workers=1)  # 5 old documents > BATCH: every text stored again
        assert (result.deleted, result.parsed) == (1, 1)
        assert documents(index) == (0, 1)
        assert [hit.snippet_text for hit in index.search("zebras")] == ["Nothing about stripes, only pricing and zebras."]
        assert index.search("number4") == []


def test_a_build_leaves_no_wal_and_no_copy_of_the_text(tmp_path: Path) -> None:
    root = write_files(tmp_path / "lib", NOTES)
    with indexed(root, tmp_path / "cache") as index:
        wal = index.db_path.with_name(index.db_path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        tables = {row[0] for row in index.fetch(lambda conn: conn.execute("SELECT name FROM sqlite_master").fetchall())}
        assert "search_content" not in tables


def test_the_next_document_number_is_read_off_an_index_not_a_scan(tmp_path: Path) -> None:
    """Each note stored asks for the next document number: a scan of `files` there made a build quadratic."""
    root = write_files(tmp_path / "lib", NOTES)
    with indexed(root, tmp_path / "cache") as index:
        plan = index.fetch(lambda conn: conn.execute("EXPLAIN QUERY PLAN " + store.NEXT_DOC).fetchall())
    steps = [row[-1] for row in plan]
    assert any("files_doc" in step for step in steps if "files" in step), steps
    assert not any(step.startswith("SCAN files") or step == "SEARCH files" for step in steps), steps
