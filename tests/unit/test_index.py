"""The search index: incremental updates, damaged files, where it lives, queries, links and episodes."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from shownotes.cli import main
from shownotes.core.index import Index, build, store
from shownotes.core.index import schema as index_db
from shownotes.core.index.schema import CACHE_ENV, SCHEMA_VERSION, db_path
from shownotes.core.library import scan
from tests.disk import write_files as write

VIDEO = "aaaaaaaaaaa"


def stamp(time: str) -> str:
    return f'<a class="yt-timestamp" data-t="{time}">[{time}]</a>'


NOTES = {
    "alpha.md": f"""---
title: Alpha pricing
videoId: {VIDEO}
---
From: [[chan]] <br/>
Opening words about the episode {stamp("00:00:05")}.

## Pricing strategy

Seat based pricing is common {stamp("00:01:00")}. Usage based pricing grows {stamp("00:02:00")}.
See [[beta]] and [[gamma | the gamma note]].

## Quiet section

Nothing to see here {stamp("00:03:00")}.
""",
    "shows/beta.md": f"""---
title: Beta
videoId: {VIDEO}
---
Generative fill changed Photoshop {stamp("00:10:00")}. The devil is in the defaults {stamp("00:11:00")}.
Pricing appears once. Back to [[alpha]].
""",
    "gamma.md": """---
title: Gamma
videoId: not-a-valid-id
---
# Gamma

Notes without a video about zebras and pricing. Links to [[alpha]] and [[missing note]].
""",
    "shows/delta.md": """---
title: Delta
---
Photographers and photography, photos everywhere. [[alpha]]
""",
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder



@pytest.fixture
def library(tmp_path: Path, cache: Path) -> Path:
    return write(tmp_path / "lib", NOTES)


@pytest.fixture
def index(library: Path) -> Index:
    opened = Index.open(library)
    result = opened.update()
    assert (result.added, result.parsed) == (len(NOTES), len(NOTES))
    yield opened
    opened.close()


def rels(hits: list) -> list[str]:
    return [hit.rel for hit in hits]


def bump(path: Path) -> None:
    """A newer mtime without waiting for the clock."""
    mtime = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(mtime, mtime))


def touch(root: Path) -> None:
    bump(root / "gamma.md")


def edit(root: Path) -> None:
    path = root / "gamma.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNow also about okapis.\n", encoding="utf-8")
    bump(path)


def delete(root: Path) -> None:
    (root / "gamma.md").unlink()


def add(root: Path) -> None:
    write(root, {"shows/epsilon.md": "# Epsilon\n\nOkapis live in forests. [[gamma]]\n"})


UPDATES = [
    # change, added, changed, deleted, parsed, touched, a query that must now match, what it finds
    pytest.param(lambda root: None, 0, 0, 0, 0, 0, "zebras", ["gamma.md"], id="nothing"),
    pytest.param(touch, 0, 1, 0, 0, 1, "zebras", ["gamma.md"], id="touch"),
    pytest.param(edit, 0, 1, 0, 1, 0, "okapis", ["gamma.md"], id="edit"),
    pytest.param(delete, 0, 0, 1, 0, 0, "zebras", [], id="delete"),
    pytest.param(add, 1, 0, 0, 1, 0, "okapis", ["shows/epsilon.md"], id="add"),
]


@pytest.mark.parametrize(("change", "added", "changed", "deleted", "parsed", "touched", "query", "expected"), UPDATES)
def test_update_parses_only_what_changed(
    index: Index, library: Path, change: Callable, added: int, changed: int, deleted: int, parsed: int,
    touched: int, query: str, expected: list[str],
) -> None:  # fmt: skip
    change(library)
    result = index.update()
    assert (result.added, result.changed, result.deleted) == (added, changed, deleted)
    assert (result.parsed, result.touched) == (parsed, touched)
    assert rels(index.search(query)) == expected
    again = index.update()
    assert (again.parsed, again.touched, again.unchanged) == (0, 0, len(index.notes()))


def test_stale_lists_new_changed_and_deleted(index: Index, library: Path) -> None:
    edit(library)
    (library / "shows" / "beta.md").unlink()
    add(library)
    files, _warnings = scan(library)
    conn = index_db.connect(str(index.db_path))
    changes = build.diff(files, store.known_files(conn))
    conn.close()
    assert (changes.new, changes.changed, changes.deleted) == (("shows/epsilon.md",), ("gamma.md",), ("shows/beta.md",))
    assert changes.unchanged == 2


def test_links_follow_added_and_deleted_files(index: Index, library: Path) -> None:
    assert index.backlinks("gamma.md") == ["alpha.md"]
    add(library)
    index.update()
    assert index.backlinks("gamma.md") == ["alpha.md", "shows/epsilon.md"]
    (library / "alpha.md").unlink()
    index.update()
    assert index.backlinks("gamma.md") == ["shows/epsilon.md"]
    assert index.backlinks("alpha.md") == []


def test_backlinks_and_episode(index: Index) -> None:
    assert index.backlinks("alpha.md") == ["gamma.md", "shows/beta.md", "shows/delta.md"]
    assert index.backlinks("shows/beta.md") == ["alpha.md"]
    assert index.episode(VIDEO) == ["alpha.md", "shows/beta.md"]
    assert index.episode("zzzzzzzzzzz") == []


def test_notes_carry_sidebar_metadata(index: Index, library: Path) -> None:
    notes = {note.rel: note for note in index.notes()}
    assert sorted(notes) == sorted(NOTES)
    alpha = notes["alpha.md"]
    assert (alpha.title, alpha.video_id, alpha.channel, alpha.channel_hint) == ("Alpha pricing", VIDEO, "chan", "chan")
    assert alpha.headings == ((2, "Pricing strategy", 1), (2, "Quiet section", 2))
    assert (alpha.timestamps, alpha.sections, alpha.path) == (4, 2, library / "alpha.md")
    assert notes["shows/beta.md"].channel == "shows"
    assert (notes["gamma.md"].video_id, notes["gamma.md"].channel) == (None, "lib")
    assert any("not a YouTube id" in warning for warning in notes["gamma.md"].warnings)


SEARCHES = [
    # (query, expected rels in order, or a set when order does not matter)
    ("zebras", ["gamma.md"]),
    ('"generative fill"', ["shows/beta.md"]),
    ('"fill generative"', []),
    ("photo*", {"shows/beta.md", "shows/delta.md"}),
    ("photog*", {"shows/delta.md"}),
    ("photographers", ["shows/delta.md"]),
    ("pricing", ["alpha.md", "gamma.md", "shows/beta.md"]),  # title and heading outrank the body
    ("channel:shows pricing", ["shows/beta.md"]),
    ("pricing channel:SHOWS", ["shows/beta.md"]),
    ("channel:nowhere pricing", []),
    ("channel:sho pricing", ["shows/beta.md"]),  # a channel by the start of its name
    ("channel:HOW pricing", ["shows/beta.md"]),  # ... or by a part of it
    ("zebras okapis", []),  # all words must match
    ("defaults devil", ["shows/beta.md"]),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search(index: Index, query: str, expected: list[str] | set[str]) -> None:
    found = rels(index.search(query))
    assert (set(found) if isinstance(expected, set) else found) == expected


def test_channels_matching_names_them(index: Index) -> None:
    assert index.channels_matching("SHOWS") == ["shows"]
    assert index.channels_matching("li") == ["lib"]
    assert index.channels_matching("nowhere") == []


def test_channel_argument_filters_like_the_query(index: Index) -> None:
    assert rels(index.search("pricing", channel="shows")) == rels(index.search("channel:shows pricing"))


def test_hit_points_at_section_and_citing_timestamp(index: Index) -> None:
    [hit] = index.search('"usage based"')
    assert (hit.section, hit.section_title, hit.seconds) == (1, "Pricing strategy", 120)
    assert hit.link == f"https://www.youtube.com/watch?v={VIDEO}&t=120s"
    assert [text for text, match in hit.snippet if match] == ["Usage based"]
    [beta] = index.search("photoshop")
    assert beta.seconds == 600
    [gamma] = index.search("zebras")
    assert (gamma.seconds, gamma.link, gamma.video_id) == (None, None, None)


# fmt: off
HOSTILE = [
    "", " ", '"', '""', '"""', "'", "*", "**", "-", "--", ":", "::", "(", ")", "()", "(((", "AND", "OR", "NOT",
    "NEAR", "NEAR(", "NEAR/3", "AND OR NOT", "pricing AND", "OR pricing", "title:", "title:pricing",
    "body:pricing", "{title}: pricing", "^", "^pricing", "+", "pricing -beta", '"pricing', 'pricing"',
    "pri*ng", "*pricing", "p*", "channel:", "channel:\"", "channel:\"\"", 'channel:"a', "\x00", "\x1b[2J",
    "\u202epricing", "\ud800", "💥", "🦓 zebras", "a" * 5000, " ".join(["pricing"] * 300), "%", "_", "'; DROP TABLE files; --",
    "\\", "\n\t", "SELECT * FROM files", "channel:\ud800 pricing", "channel:'; pricing",
]
# fmt: on


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(index: Index, query: str) -> None:
    hits = index.search(query)
    assert isinstance(hits, list)
    assert index.problem is None
    assert index.search("zebras")  # the index is still there


@pytest.mark.parametrize("query", ["", "   ", "*", "-", ":", "()", '"', "!!!"])
def test_meaningless_queries_find_nothing(index: Index, query: str) -> None:
    assert index.search(query) == []


def test_bm25_ranks_title_above_body(tmp_path: Path, cache: Path) -> None:
    root = write(
        tmp_path / "rank",
        {
            "body.md": "# Something\n\n" + "Filler words here. " * 20 + "Kiwis appear once.\n",
            "title.md": "---\ntitle: Kiwis\n---\nAbout other fruit entirely.\n",
            "many.md": "# Notes\n\nKiwis kiwis kiwis, and more kiwis.\n",
        },
    )
    with Index.open(root) as opened:
        opened.update()
        hits = opened.search("kiwis")
    assert rels(hits)[0] == "title.md"
    assert rels(hits)[-1] == "body.md"
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_the_from_line_is_not_searchable_text(tmp_path: Path, cache: Path) -> None:
    root = write(
        tmp_path / "from",
        {
            "pod/a.md": "---\ntitle: A\nvideoId: AAAAAAAAAAA\n---\nFrom: [[okapicast]] <br/>\n\nWords about zebras"
            ' <a class="yt-timestamp" data-t="00:00:07">[00:00:07]</a>.\n',
        },
    )
    with Index.open(root) as opened:
        opened.update()
        assert opened.search("okapicast") == []  # the channel's name in the From: line is metadata
        (hit,) = opened.search("zebras")
    assert hit.snippet_text.startswith("Words about zebras") and hit.seconds == 7


def unsafe(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch != " "]


def test_snippets_free_of_control_characters(tmp_path: Path, cache: Path) -> None:
    nasty = '---\ntitle: "Bell\\a title"\n---\n## Head\x1b[31m red\n\nTerminal \x1b]0;owned\x07 wombat \u202etxt.exe\u200b and \x01 soh \x9b.\n'
    root = write(tmp_path / "nasty", {"nasty.md": nasty})
    with Index.open(root) as opened:
        opened.update()
        [hit] = opened.search("wombat")
        assert [text for text, match in hit.snippet if match] == ["wombat"]
        for text in (hit.snippet_text, hit.title, hit.section_title, hit.marked()):
            assert unsafe(text) == [], text


def test_index_lives_in_the_cache_and_leaves_the_library_untouched(tmp_path: Path, cache: Path) -> None:
    root = write(tmp_path / "lib", NOTES)
    os.chmod(root / "gamma.md", 0o644)

    def snapshot() -> dict[str, str]:
        return {
            str(path.relative_to(tmp_path)): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            for path in sorted(tmp_path.rglob("*"))
            if cache not in path.parents and path != cache
        }

    before = snapshot()
    with Index.open(root) as opened:
        opened.update()
        assert opened.search("pricing")
        assert opened.notes()
        assert opened.db_path == db_path(root) == cache / "index" / opened.db_path.name
        assert root not in opened.db_path.parents
        assert opened.db_path.is_file()
    assert snapshot() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "lib"]


def test_open_creates_nothing_but_the_cache(tmp_path: Path, cache: Path) -> None:
    root = write(tmp_path / "lib", {"one.md": "# One\n"})
    with Index.open(root):
        pass
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_dir()) == [
        "cache",
        "cache/index",
        "lib",
    ]


def garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database at all\x00\xff" * 100)


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def old_version(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 0")


def future_version(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def missing_table(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE links")


def other_schema(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE files (name TEXT)")
        conn.execute("PRAGMA user_version = 0")


DAMAGE = [
    # (damage, whether the user is told the index was rebuilt)
    (garbage, True),
    (truncated, True),
    (empty, False),  # an empty file is simply a new index
    (old_version, True),
    (future_version, True),
    (missing_table, True),
    (other_schema, True),
]


@pytest.mark.parametrize(("damage", "told"), DAMAGE, ids=[d.__name__ for d, _told in DAMAGE])
def test_damaged_index_is_rebuilt(library: Path, damage: Callable[[Path], None], told: bool) -> None:
    with Index.open(library) as first:
        first.update()
        path = first.db_path
    damage(path)
    with Index.open(library) as again:
        assert any("rebuilding" in notice for notice in again.notices) == told
        result = again.update()
        assert (result.error, result.parsed) == (None, len(NOTES))
        assert rels(again.search("zebras")) == ["gamma.md"]
        assert again.backlinks("shows/beta.md") == ["alpha.md"]
        assert again.db_path == path


def test_unusable_cache_falls_back_to_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    root = write(tmp_path / "lib", NOTES)
    with Index.open(root) as opened:
        assert any("memory" in notice for notice in opened.notices)
        assert opened.update().parsed == len(NOTES)
        assert rels(opened.search("zebras")) == ["gamma.md"]
    assert blocker.read_text() == "a file where the cache folder should be"


def test_files_that_are_not_notes_are_remembered_not_reparsed(tmp_path: Path, cache: Path) -> None:
    root = write(tmp_path / "lib", {"good.md": "# Good\n\nkoala\n", "binary.md": b"\x00\x01\x02" * 500})
    with Index.open(root) as opened:
        first = opened.update()
        assert first.failed == [("binary.md", "binary file; not a note")]
        assert [note.rel for note in opened.notes()] == ["good.md"]
        assert opened.failures() == [("binary.md", "binary file; not a note")]
        assert opened.update().parsed == 0


def test_single_file_library(tmp_path: Path, cache: Path) -> None:
    root = write(tmp_path / "lib", {"one.md": "# One\n\nplatypus\n", "two.md": "# Two\n\nplatypus\n"})
    with Index.open(root / "one.md") as opened:
        assert opened.update().parsed == 1
        assert rels(opened.search("platypus")) == ["one.md"]


def test_update_for_another_library_is_refused(index: Index, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="belongs to"):
        index.update(tmp_path)


SEARCH_CLI = [
    # (arguments after the library, what the output must contain)
    (["zebras"], "gamma.md\tGamma\tGamma\tNotes without a video about zebras and pricing."),
    (['"usage based"'], f"https://www.youtube.com/watch?v={VIDEO}&t=120s\tAlpha pricing\tPricing strategy\t"),
    (["nothing-matches-this"], ""),
]


@pytest.mark.parametrize(("query", "expected"), SEARCH_CLI)
def test_cli_search_lines(library: Path, capsys: pytest.CaptureFixture[str], query: list[str], expected: str) -> None:
    assert main(["search", *query, str(library)]) == (0 if expected else 1)  # no hit: status 1, like grep
    out = capsys.readouterr().out
    assert (expected in out) if expected else out == ""


def test_cli_search_json(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "pricing", str(library), "--json", "--limit", "2"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["rel"] for row in rows] == ["alpha.md", "gamma.md"]
    assert rows[0]["link"].startswith(f"https://www.youtube.com/watch?v={VIDEO}&t=")
    assert rows[1]["link"] is None and rows[1]["path"] == str(library / "gamma.md")
    assert any(match for _text, match in rows[0]["pieces"])


@pytest.mark.parametrize(
    ("text", "labels", "plain", "offsets"),
    [
        ("A [00:01:02] b.", ["00:01:02"], "A b.", [1]),
        ("A ([00:01:02]) b.", ["00:01:02"], "A b.", [1]),  # `(<a …>[00:01:02]</a>)`: no `()` left
        ("A [[00:01:02]] b.", ["00:01:02"], "A b.", [1]),  # `[<a …>00:01:02</a>]`: no `[]` left
        ("A [00:01:02], [00:01:05] b.", ["00:01:02", "00:01:05"], "A, b.", [1, 2]),
        ("x ([00:01:02]", ["00:01:02"], "x (", [3]),  # an unmatched bracket is the note's own
        ("(see [00:01:02])", ["00:01:02"], "(see)", [4]),
        ("no label here", ["00:09:09"], "no label here", [0]),
    ],
)
def test_strip_labels(text: str, labels: list[str], plain: str, offsets: list[int]) -> None:
    assert build.strip_labels(text, labels) == (plain, offsets)
