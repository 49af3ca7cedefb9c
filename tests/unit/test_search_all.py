"""`shownotes search QUERY --all`: every library whose index is in the cache folder, each hit naming it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from shownotes.core.index import schema
from tests.disk import write_files
from tests.unit.clirun import assert_one_line_error, run


def two_libraries(tmp_path: Path, capsys) -> tuple[Path, Path]:
    alpha = write_files(tmp_path / "alpha", {"a.md": "---\ntitle: Alpha wombat\nvideoId: AAAAAAAAAAA\n---\nwombat [00:00:05]\n"})
    beta = write_files(tmp_path / "beta", {"chan/b.md": "# Beta\n\nwombat and a numbat\n", "chan/c.md": "# Gamma\n\nnumbat only\n"})
    for root in (alpha, beta):
        assert run(capsys, "search", "wombat", str(root))[0] == 0  # builds its index
    return alpha, beta


# (id, query, the (library, rel) pairs found, in any order)
CASES = [
    ("in both", "wombat", {("alpha", "a.md"), ("beta", "chan/b.md")}),
    ("in one", "numbat", {("beta", "chan/b.md"), ("beta", "chan/c.md")}),
    ("a channel", "numbat channel:chan", {("beta", "chan/b.md"), ("beta", "chan/c.md")}),
]


@pytest.mark.parametrize(("query", "expected"), [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_search_all_names_each_hits_library(tmp_path: Path, capsys, query: str, expected: set) -> None:
    alpha, beta = two_libraries(tmp_path, capsys)
    names = {str(alpha): "alpha", str(beta): "beta"}
    code, out, _err = run(capsys, "search", query, "--all", "--json")
    assert code == 0
    assert {(names[hit["library"]], hit["rel"]) for hit in json.loads(out)} == expected
    code, out, _err = run(capsys, "search", query, "--all")
    assert code == 0
    assert sorted(names[line.split("\t")[0]] for line in out.splitlines()) == sorted(library for library, _rel in expected)


def test_search_all_skips_a_library_that_is_gone(tmp_path: Path, capsys) -> None:
    alpha, beta = two_libraries(tmp_path, capsys)
    assert [root for root, _db in schema.indexed_libraries()] == [alpha.resolve(), beta.resolve()]
    shutil.rmtree(alpha)
    code, out, err = run(capsys, "search", "wombat", "--all")
    assert code == 0 and out.startswith(f"{beta.resolve()}\t") and out.count("\n") == 1
    assert f"{alpha.resolve()} is gone" in err


def test_the_listing_passes_over_an_index_another_process_holds_locked(tmp_path: Path, capsys) -> None:
    alpha, beta = two_libraries(tmp_path, capsys)
    holder = sqlite3.connect(schema.db_path(alpha), isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # no reader gets in while it is held
    try:
        assert [root for root, _db in schema.indexed_libraries()] == [beta.resolve()]
    finally:
        holder.rollback()
        holder.close()
    assert [root for root, _db in schema.indexed_libraries()] == [alpha.resolve(), beta.resolve()]


# (id, argv): errors, one line each
ERRORS = [
    ("no index at all", ["search", "wombat", "--all"], "no library has a search index"),
    ("a PATH too", ["search", "wombat", "somewhere", "--all"], "give it no PATH"),
]


@pytest.mark.parametrize(("argv", "fragment"), [pytest.param(*case[1:], id=case[0]) for case in ERRORS])
def test_search_all_errors(capsys, argv: list[str], fragment: str) -> None:
    assert_one_line_error(*run(capsys, *argv), fragment)
