"""Obsidian wiki links: every form parses to its target, heading and alias, and renders as its text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.style import Style

from shownotes.core.library import Library
from shownotes.core.notes.markdown import parse
from shownotes.core.notes.outline import build_outline
from shownotes.render import Document


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    links: tuple[tuple[str, str | None, str | None, bool], ...]  # (target, heading, alias, embed)
    shown: str  # the rendered line
    styled: tuple[tuple[str, str], ...] = ()  # (rendered text, style attribute that must be on)


CASES = [
    Case("plain", "See [[target]] now.", (("target", None, None, False),), "See target now."),
    Case("alias", "See [[target|alias]] now.", (("target", None, "alias", False),), "See alias now."),
    Case("spaced alias", "See [[target | alias]] now.", (("target", None, "alias", False),), "See alias now."),
    Case("alias ending in blanks", "See [[target|alias \t]] now.", (("target", None, "alias", False),), "See alias now."),
    Case("heading and alias", "See [[target#Heading|alias]] now.", (("target", "Heading", "alias", False),),
         "See alias now."),
    Case("heading only", "See [[target#Heading]] now.", (("target", "Heading", None, False),),
         "See target > Heading now."),
    Case("same-note heading", "See [[#Heading]] now.", (("", "Heading", None, False),), "See Heading now."),
    Case("embed", "See ![[x]] now.", (("x", None, None, True),), "See ⧉ x now."),
    Case("two on a line", "[[a]] and [[b|B]].", (("a", None, None, False), ("b", None, "B", False)), "a and B."),
    Case("escaped pipe in a table cell", "| Link | Other |\n|---|---|\n| [[target\\|alias]] | x |",
         (("target", None, "alias", False),), "│ alias │ x     │"),
    Case("markdown inside the alias", "See [[target|**bold** and *em*]] now.",
         (("target", None, "**bold** and *em*", False),), "See bold and em now.",
         (("bold", "bold"), ("em", "italic"))),
    Case("markdown alias in a table cell", "| Link | Other |\n|---|---|\n| [[target\\|**big** deal]] | x |",
         (("target", None, "**big** deal", False),), "│ big deal │ x     │", (("big", "bold"),)),
    Case("code in the alias", "See [[target|`code`]] now.", (("target", None, "`code`", False),), "See code now."),
    Case("wiki link in a heading", "## About [[target|the target]]", (("target", None, "the target", False),),
         "About the target"),
    Case("From line", "From: [[redpointai]] <br/> ", (("redpointai", None, None, False),), "From: redpointai"),
]


def _style_of(layout, text: str) -> Style:
    for line in layout.lines:
        for segment in line:
            if segment.text == text and segment.style is not None:
                return segment.style
    raise AssertionError(f"no segment {text!r}")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_wikilink_forms(case: Case) -> None:
    tokens, warnings = parse(case.source)
    links = build_outline(tokens).links
    assert tuple((link.target, link.heading, link.alias, link.embed) for link in links) == case.links
    assert warnings == []
    layout = Document(tokens).layout(80)
    rendered = layout.plain()
    assert case.shown in rendered
    assert "[[" not in rendered and "]]" not in rendered
    for text, attribute in case.styled:
        assert getattr(_style_of(layout, text), attribute) is True


TEXT_CASES = [
    ("alias", "target", None, "alias", "alias"),
    ("target", "target", None, None, "target"),
    ("target and heading", "target", "Heading", None, "target > Heading"),
    ("heading only", "", "Heading", None, "Heading"),
]


@pytest.mark.parametrize(("target", "heading", "alias", "expected"), [c[1:] for c in TEXT_CASES],
                         ids=[c[0] for c in TEXT_CASES])
def test_wikilink_text(target: str, heading: str | None, alias: str | None, expected: str) -> None:
    source = f"[[{target}{'#' + heading if heading else ''}{'|' + alias if alias else ''}]]"
    (link,) = build_outline(parse(source)[0]).links
    assert link.text == expected


def test_seed_renders_without_raw_markup(seed_path: Path) -> None:
    note = Library.open(seed_path).notes[0]
    rendered = Document(note.parse().tokens).layout(80).plain()
    for raw in ("[[", "<a class=", "videoId:", "data-t=", "â€"):
        assert raw not in rendered
    assert "—" in rendered
    assert "AI infrastructure" in rendered
