"""Channels and episodes: folder or `From:` line names the channel, a shared videoId makes an episode."""

from __future__ import annotations

import pytest

from shownotes.core.library import Library

V1, V2, V3 = "AAAAAAAAAAA", "BBBBBBBBBBB", "CCCCCCCCCCC"


def note(title: str, video: str | None = None, body: str = "Body.\n") -> str:
    video_line = f"videoId: {video}\n" if video else ""
    return f"---\ntitle: {title}\n{video_line}---\n{body}"


INDEX = (
    "---\ntitle: chan\n---\n"
    f"### [Second *episode*](https://www.youtube.com/watch?v={V2})\n- [[b2]]\n- [[b1 | B one]]\n\n"
    f"### [First episode](https://youtu.be/{V1})\n- [[a1]]\n"
)

# (id, files, [(channel, [(video, episode title, [note rels])], [page rels])])
CASES = [
    (
        "channel from the top folder",
        {"chanA/x.md": note("X", V1), "chanB/deep/y.md": note("Y", V2)},
        [("chanA", [(V1, "X", ["chanA/x.md"])], []), ("chanB", [(V2, "Y", ["chanB/deep/y.md"])], [])],
    ),
    (
        "channel from the From line at the top level",
        {"x.md": note("X", V1, "From: [[showB]] <br/>\n\ntext\n"), "y.md": note("Y", V2, "From: [[showA | A]]\n")},
        [("showA", [(V2, "Y", ["y.md"])], []), ("showB", [(V1, "X", ["x.md"])], [])],
    ),
    (
        "the folder wins over the From line",
        {"chanA/x.md": note("X", V1, "From: [[other]]\n")},
        [("chanA", [(V1, "X", ["chanA/x.md"])], [])],
    ),
    (
        "no folder and no From line: the library's name",
        {"x.md": note("X", V1)},
        [("{library}", [(V1, "X", ["x.md"])], [])],
    ),
    (
        "notes sharing a videoId are one episode",
        {"c/b.md": note("Beta", V1), "c/a.md": note("Alpha", V1), "c/z.md": note("Zed", V2)},
        [("c", [(V1, "Alpha", ["c/a.md", "c/b.md"]), (V2, "Zed", ["c/z.md"])], [])],
    ),
    (
        "the same videoId in two channels is two episodes",
        {"c1/a.md": note("A", V1), "c2/b.md": note("B", V1)},
        [("c1", [(V1, "A", ["c1/a.md"])], []), ("c2", [(V1, "B", ["c2/b.md"])], [])],
    ),
    (
        "notes without a videoId are still listed",
        {"c/a.md": note("A", V1), "c/loose.md": note("Loose"), "c/also.txt": "# Also\n"},
        [("c", [(V1, "A", ["c/a.md"])], ["c/also.txt", "c/loose.md"])],
    ),
    (
        "top-level pages of a library with channel folders are its own pages, first",
        {"index.md": "# Index\n", "directory.md": "# Directory\n", "aaa/x.md": note("X", V1)},
        [("{library}", [], ["directory.md", "index.md"]), ("aaa", [(V1, "X", ["aaa/x.md"])], [])],
    ),
    (
        "the index page names and orders episodes and their notes",
        {
            "chan/chan.md": INDEX,
            "chan/a1.md": note("a one", V1),
            "chan/b1.md": note("b one", V2),
            "chan/b2.md": note("b two", V2),
            "chan/b3.md": note("b three", V2),
            "chan/c1.md": note("c one", V3),
            "chan/zz.md": note("A page"),
        },
        [(
            "chan",
            [
                (V2, "Second episode", ["chan/b2.md", "chan/b1.md", "chan/b3.md"]),
                (V1, "First episode", ["chan/a1.md"]),
                (V3, "c one", ["chan/c1.md"]),
            ],
            ["chan/chan.md", "chan/zz.md"],
        )],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_grouping(files: dict[str, str], expected: list, write_tree) -> None:
    library = Library.open(write_tree(files))
    got = [
        (
            channel.name,
            [(e.video_id, e.title, [n.rel for n in e.notes]) for e in channel.episodes],
            [n.rel for n in channel.pages],
        )
        for channel in library.channels
    ]
    expected = [(library.name if name == "{library}" else name, *rest) for name, *rest in expected]
    assert got == expected
    listed = sorted(n.rel for channel in library.channels for n in channel.notes)
    assert listed == sorted(note.rel for note in library.notes)


@pytest.mark.parametrize(
    ("files", "pages"),
    [
        ({"index.md": "# I\n", "aaa/x.md": note("X", V1)}, "{library}"),
        ({"index.md": "# I\n", "x.md": note("X", V1)}, None),  # a flat library is one channel, not pages
        ({"aaa/x.md": note("X", V1), "bbb/y.md": note("Y", V2)}, None),
    ],
    ids=["beside channel folders", "flat library", "no top-level files"],
)
def test_pages_channel(files: dict[str, str], pages: str | None, write_tree) -> None:
    library = Library.open(write_tree(files))
    expected = library.name if pages == "{library}" else None
    assert library.pages_channel == expected
    if expected:
        assert library.channel_names()[0] == expected


def test_index_page_comes_first_among_a_channels_notes(write_tree) -> None:
    files = {"chan/chan.md": INDEX, "chan/a1.md": note("a one", V1), "chan/b1.md": note("b one", V2),
             "chan/b2.md": note("b two", V2), "chan/zz.md": note("A page")}
    library = Library.open(write_tree(files))
    channel = library.channel("chan")
    assert channel.index_page is not None and channel.index_page.rel == "chan/chan.md"
    assert [n.rel for n in channel.notes] == ["chan/chan.md", "chan/b2.md", "chan/b1.md", "chan/a1.md", "chan/zz.md"]
    assert library.first_note().rel == "chan/chan.md"
    assert library.neighbour(library.note("chan/chan.md"), 1).rel == "chan/b2.md"
