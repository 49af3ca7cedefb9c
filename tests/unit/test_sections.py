"""Sections: every heading outside code, in order, with the timestamps under it; the opening section."""

from __future__ import annotations

import pytest

from shownotes.core.notes.markdown import parse
from shownotes.core.notes.outline import build_outline
from shownotes.render import Document

# (id, source, [(level, title, [timestamp seconds])], opening text with whitespace runs collapsed)
CASES = [
    (
        "H1 to H6 in order",
        "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n",
        [(0, "", []), (1, "One", []), (2, "Two", []), (3, "Three", []), (4, "Four", []), (5, "Five", []),
         (6, "Six", [])],
        "",
    ),
    (
        "timestamps belong to the section above them",
        "Intro [00:00:01]\n\n## A\n\nx [00:00:02] y [00:00:03]\n\n### B\n\nz [00:00:04]\n",
        [(0, "", [1]), (2, "A", [2, 3]), (3, "B", [4])],
        "Intro [00:00:01]",
    ),
    (
        "hash lines in backtick fences are not headings",
        "## Real\n\n```bash\n# a comment\n## another\n```\n\n## Also real\n",
        [(0, "", []), (2, "Real", []), (2, "Also real", [])],
        "",
    ),
    (
        "hash lines in tilde fences are not headings",
        "~~~\n# not a heading\n~~~\n\n# Heading\n",
        [(0, "", []), (1, "Heading", [])],
        "",
    ),
    (
        "indented code is not a heading",
        "Para.\n\n    # indented code\n\n# Heading\n",
        [(0, "", []), (1, "Heading", [])],
        "Para.",
    ),
    (
        "hashtags are not headings",
        "#hashtag and #another\n\n####### seven hashes\n",
        [(0, "", [])],
        "#hashtag and #another ####### seven hashes",
    ),
    (
        "setext headings",
        "Title\n=====\n\nSub\n---\n\ntext [00:01:00]\n",
        [(0, "", []), (1, "Title", []), (2, "Sub", [60])],
        "",
    ),
    (
        "opening text before the first heading",
        "From: [[chan]] <br/>\n\nOpening words [00:00:05].\n\n## First\n",
        [(0, "", [5]), (2, "First", [])],
        "From: chan Opening words [00:00:05].",
    ),
    (
        "heading text keeps its timestamp label and alias",
        "## Pricing [00:10:00] with [[target|Target]]\n",
        [(0, "", []), (2, "Pricing [00:10:00] with Target", [600])],
        "",
    ),
    (
        "a tab in a heading is a space (rich counts a tab as no cell, terminals as up to 8)",
        "## Pricing\tand\tcosts\n\nBody\twith a tab.\n",
        [(0, "", []), (2, "Pricing and costs", [])],
        "",
    ),
    (
        "headings inside a blockquote and a list",
        "> ## Quoted\n\n- ### Listed\n",
        [(0, "", []), (2, "Quoted", []), (3, "Listed", [])],
        "",
    ),
]


@pytest.mark.parametrize(("source", "expected", "opening"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sections(source: str, expected: list[tuple[int, str, list[int]]], opening: str) -> None:
    outline = build_outline(parse(source)[0])
    got = [(s.level, s.title, [outline.timestamps[i].seconds for i in s.timestamps]) for s in outline.sections]
    assert got == expected
    assert [s.index for s in outline.sections] == list(range(len(expected)))
    assert " ".join(outline.sections[0].text.split()) == opening
    for stamp in outline.timestamps:
        assert stamp.index in outline.sections[stamp.section].timestamps


def test_section_lines_point_at_their_headings() -> None:
    source = "intro\n\n# One\n\ntext\n\n```\n# fenced\n```\n\n## Two\n"
    outline = build_outline(parse(source)[0])
    lines = source.split("\n")
    assert [lines[s.line] for s in outline.sections[1:]] == ["# One", "## Two"]


def test_markdown_after_a_br_line_is_still_markdown() -> None:
    source = "Text.\n\n<br>\n> [!example] Examples\n> *   **Claims**: explained [00:03:30].\n"
    rendered = Document(parse(source)[0]).layout(80).plain()
    assert "[!example]" not in rendered
    assert "> *" not in rendered
