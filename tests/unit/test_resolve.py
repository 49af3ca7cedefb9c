"""Wiki link resolution: paths, stems, slugs, the source's folder first; unresolved links kept; backlinks."""

from __future__ import annotations

import pytest

from shownotes.core.library import Library
from shownotes.core.library.links import readable
from shownotes.render import Document
from shownotes.render.view import build_view

FILES = {
    "top.md": "# Top\n\nSee [[Intro Note]], [[intro note#Part|again]], [[Nowhere]] and [[top]].\n",
    "alpha/Intro Note.md": "# Intro\n\nBack to [[top]] and [[other]].\n",
    "alpha/other.md": "# Alpha other\n",
    "alpha/ai_infrastructure.md": "# AI\n\nLinks [[AI Infrastructure]] to itself.\n",
    "beta/other.md": "# Beta other\n\nSee [[../top.md]].\n",
    "beta/notes.md": "# Notes\n\nSee [[other]].\n",
    "beta/deep/leaf.markdown": "# Leaf\n",
    "gamma/Mixed Case.txt": "# Mixed\n",
    "biz/scaling_a_servicebased_business.md": "# Scaling\n",
    "biz/el_chapos_empire.md": "# Empire\n",
    "biz/neuroplasticity_and_memory.md": "---\ntitle: Neuroplasticity and Memory\n---\nBody.\n",
    "lexfridman/lexfridman.md": "# Lex Fridman\n",
    "lexfridman/some_episode.md": "# Episode\n",
    "acq/acquiredFM.md": "# Upper\n",
    "acq/acquiredfm.md": "# Lower\n",
    "links.md": "See [[neuroplasticity_and_memory]], [[Neuro plasticity and memory]], [[unwritten_topic_here]], "
    "[[neuroplasticity_and_memory#Sleep]] and [[neuroplasticity_and_memory | my alias]].\n",
}

# (id, source rel, link target, expected rel or None)
CASES = [
    ("exact stem", "top.md", "Intro Note", "alpha/Intro Note.md"),
    ("stem, other case", "top.md", "intro NOTE", "alpha/Intro Note.md"),
    ("stem with suffix", "top.md", "Intro Note.md", "alpha/Intro Note.md"),
    ("txt stem, lower case", "top.md", "mixed case", "gamma/Mixed Case.txt"),
    ("slug of a title", "top.md", "AI Infrastructure", "alpha/ai_infrastructure.md"),
    ("slug with punctuation", "top.md", "AI-infrastructure!", "alpha/ai_infrastructure.md"),
    ("path from the root", "top.md", "beta/deep/leaf", "beta/deep/leaf.markdown"),
    ("path with suffix", "top.md", "beta/deep/leaf.markdown", "beta/deep/leaf.markdown"),
    ("path relative to the source", "beta/other.md", "deep/leaf", "beta/deep/leaf.markdown"),
    ("parent path", "beta/other.md", "../top.md", "top.md"),
    ("parent path from a deep note", "beta/deep/leaf.markdown", "../other", "beta/other.md"),
    ("same folder wins: alpha", "alpha/Intro Note.md", "other", "alpha/other.md"),
    ("same folder wins: beta", "beta/notes.md", "other", "beta/other.md"),
    ("outside the library", "top.md", "../../etc/passwd", None),
    ("unresolved", "top.md", "Nowhere", None),
    ("file names drop hyphens", "top.md", "Scaling a service-based business", "biz/scaling_a_servicebased_business.md"),
    ("a space inside a word", "top.md", "neuro plasticity and memory", "biz/neuroplasticity_and_memory.md"),
    ("an apostrophe made a word", "top.md", "el_chapo_s_empire", "biz/el_chapos_empire.md"),
    ("an apostrophe as written", "top.md", "El Chapo's empire", "biz/el_chapos_empire.md"),
    ("a channel's name is its index page", "top.md", "Lex Fridman", "lexfridman/lexfridman.md"),
    ("exact case wins over the first of two", "top.md", "acquiredfm", "acq/acquiredfm.md"),
    ("exact case, the other file", "top.md", "acquiredFM", "acq/acquiredFM.md"),
    ("neither case exact: the first", "top.md", "ACQUIREDFM", "acq/acquiredFM.md"),
    ("squashing never matches an empty name", "top.md", "--", None),
    ("empty target is the note itself", "beta/notes.md", "", "beta/notes.md"),
]


@pytest.fixture
def library(write_tree) -> Library:
    return Library.open(write_tree(FILES))


@pytest.mark.parametrize(("source", "target", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_resolve(library: Library, source: str, target: str, expected: str | None) -> None:
    found = library.resolve(target, library.note(source))
    assert (found.rel if found else None) == expected


def test_unresolved_link_is_kept_and_shown(library: Library) -> None:
    note = library.note("top.md")
    links = note.parse().outline.links
    assert [link.target for link in links] == ["Intro Note", "intro note", "Nowhere", "top"]
    resolved = [library.resolve(link.target, note) is not None for link in links]
    assert resolved == [True, True, False, True]
    layout = Document(note.parse().tokens, resolved=lambda index: resolved[index]).layout(80)
    assert "See Intro Note, again, Nowhere and top." in layout.plain()
    looks: dict[int, tuple] = {}
    for line in layout.lines:
        for segment in line:
            meta = segment.style.meta if segment.style is not None else None
            if meta and "wiki" in meta:
                looks[meta["wiki"]] = (segment.style.color, segment.style.underline, segment.style.dim)
    assert sorted(looks) == [0, 1, 2, 3]
    assert looks[0] == looks[1] == looks[3]
    assert looks[2] != looks[0]


def test_backlinks(library: Library) -> None:
    backlinks = {rel: sorted(n.rel for n in notes) for rel, notes in library.backlinks().items() if notes}
    assert backlinks == {
        "alpha/Intro Note.md": ["top.md"],
        "top.md": ["alpha/Intro Note.md", "beta/other.md"],
        "alpha/other.md": ["alpha/Intro Note.md"],
        "beta/other.md": ["beta/notes.md"],
        "biz/neuroplasticity_and_memory.md": ["links.md"],
    }


def test_a_link_without_alias_shows_its_notes_title(library: Library) -> None:
    """Resolved: the target note's title; unresolved: the target made readable; an alias always wins."""
    note = library.note("links.md")
    rendered = build_view(note, library).document.layout(200).plain()
    assert (
        "See Neuroplasticity and Memory, Neuroplasticity and Memory, unwritten topic here, "
        "Neuroplasticity and Memory > Sleep and my alias." in rendered
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [("neuroplasticity_and_memory", "neuroplasticity and memory"), ("folder/some_note.md", "some note"),
     ("Already Spaced_Words", "Already Spaced_Words"), ("plain", "plain")],
)
def test_readable(target: str, expected: str) -> None:
    assert readable(target) == expected
