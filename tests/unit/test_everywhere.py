"""Hits of several libraries merged best first (`search --all` and the app's ctrl+l)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.everywhere import merge
from shownotes.core.index.search import Hit

A, B = Path("/libraries/a"), Path("/libraries/b")


def hit(name: str, score: float) -> Hit:
    return Hit(name, Path(name), name, "channel", 0, "", (), None, None, score)


CASES = [
    ("nothing anywhere", [(A, []), (B, [])], 10, []),
    ("best first across libraries", [(A, [hit("a1", 3.0), hit("a2", 1.0)]), (B, [hit("b1", 2.0)])], 10,
     [(A, "a1"), (B, "b1"), (A, "a2")]),
    ("equal scores keep the libraries' order", [(A, [hit("a1", 1.0)]), (B, [hit("b1", 1.0)])], 10, [(A, "a1"), (B, "b1")]),
    ("cut at the limit", [(A, [hit("a1", 1.0), hit("a2", 0.5)]), (B, [hit("b1", 2.0)])], 2, [(B, "b1"), (A, "a1")]),
    ("the app's own library is None", [(None, [hit("own", 1.0)]), (B, [hit("b1", 5.0)])], 10, [(B, "b1"), (None, "own")]),
    ("a limit below one gives nothing", [(A, [hit("a1", 1.0)])], 0, []),
]


@pytest.mark.parametrize(("name", "per_library", "limit", "expected"), CASES, ids=[case[0] for case in CASES])
def test_merge(name, per_library, limit, expected) -> None:
    assert [(root, found.rel) for root, found in merge(per_library, limit)] == expected


def test_the_shelf_searches_the_other_indexed_libraries_and_says_which_are_gone(tmp_path: Path) -> None:
    import shutil

    from shownotes.core.everywhere import Shelf
    from shownotes.core.index import Index

    roots = {}
    for name in ("own", "other", "gone"):
        roots[name] = tmp_path / name
        roots[name].mkdir()
        (roots[name] / "note.md").write_text(f"# {name}\n\nwombats live here\n", encoding="utf-8")
        with Index.open(roots[name], cache_dir=tmp_path / "cache") as index:
            assert index.update().parsed == 1
    shutil.rmtree(roots["gone"])
    shelf = Shelf(roots["own"], cache_dir=tmp_path / "cache")
    try:
        found = shelf.search("wombats", 10)
        assert [(root, [hit.title for hit in hits]) for root, hits in found] == [(roots["other"].resolve(), ["other"])]
        assert shelf.problems == ["gone is gone"]
        assert shelf.opened == 1
    finally:
        shelf.close()
