"""A note read by slice (core/notes/slices, render/stream) renders and outlines exactly as the whole
note does: every note of the shared corpus, the hostile notes, and constructs that cross a cut, with
slices forced tiny so real notes are cut many times."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from shownotes.core.notes.note import Note, read_note
from shownotes.core.notes.outline import OutlineWalker
from shownotes.core.notes.slices import SLICED_NOTE_CHARS, parse_slices, plan, should_slice
from shownotes.render.stream import SlicedNote
from shownotes.render.terminal import print_note
from shownotes.render.view import build_view
from tests.hostile.corpus import broken_files, heavy_files, terminal_notes

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TINY = 200  # characters: a slice is about this long, so most notes are cut
WIDTH = 72

CONSTRUCTS: list[tuple[str, str]] = [
    ("ordered list numbered 1. throughout", "Intro.\n\n" + "1. item\n" * 400),
    ("tight list made loose near its end", "- a\n" * 300 + "\n- b\n"),
    ("loose list from the start", "- a\n\n" * 300),
    ("list of fences only", "- ```\n  x\n  ```\n" * 200 + "\n- ```\n  y\n  ```\n\ntail\n"),
    ("list marker changes", "- a\n" * 150 + "* b\n" * 150 + "+ c\n" * 150),
    ("nested lists", "- top\n  - inner [00:00:01]\n    - deeper [[Note A]]\n" * 120),
    ("reference defined at the end", "See [the site][site] and [x].\n\n" + "Filler paragraph.\n\n" * 300
     + "[site]: https://example.com/site\n[x]: https://example.com/x 'title'\n"),
    ("reference defined twice: the first wins", "[a]: https://one.example/\n\n" + "Text [a].\n\n" * 200
     + "[a]: https://two.example/\n"),
    ("callout div across blank lines", "Before.\n\n<div class=\"callout\" data-callout=\"tip\">\n<div class=\"callout-title\">Tip</div>\n\n"
     + "Inside paragraph [00:01:00].\n\n" * 120 + "</div>\n\nAfter.\n" + "More.\n\n" * 100),
    ("math blocks with blank-free bodies", "Text.\n\n" + "$$\na^2 +\nb^2\n$$\n\nParagraph $x$.\n\n" * 80),
    ("math block whose close is far", "Start.\n\n" + "para\n\n" * 60 + "$$\n" + "x + y\n" * 50 + "$$\n\n" + "end\n\n" * 60),
    ("fence holding blank lines and markdown", "Intro.\n\n```python\n" + "# not a heading\n\n- not a list\n\n" * 150 + "```\n\nOutro.\n"),
    ("unclosed fence", "Intro.\n\n" + "para\n\n" * 100 + "```\n" + "code\n\n" * 100),
    ("html comment across blank lines", "Intro.\n\n<!--\n" + "hidden\n\n" * 120 + "-->\n\nshown\n\n" * 50),
    ("details html block", "<details>\n<summary>More</summary>\n\n" + "Body [00:02:00].\n\n" * 100 + "</details>\n\nafter\n" * 30),
    ("late first H1 names the note", "Opening prose.\n\n" * 200 + "## Two\n\n# The Real Title\n\ntext\n"),
    ("many headings", "".join(f"# Heading {n}\n\ntext [00:{n % 60:02d}:00] [[Note {n}|alias {n}]]\n\n" for n in range(300))),
    ("setext headings", "".join(f"Title {n}\n=====\n\nbody\n---\n\n" for n in range(200))),
    ("table rows", "| t | x |\n|---|---|\n" + "".join(f"| [00:00:{n % 60:02d}] | cell {n} |\n" for n in range(200)) + "\nafter\n" * 100),
    ("blockquotes and callouts", "> [!note] Title [00:00:05]\n> body\n\n> plain quote\n> lazy\nlazy line\n\n" * 100),
    ("indented code across blank lines", "Text.\n\n" + "    code line\n\n    more code\n\n" * 150 + "Text.\n"),
    ("admonition fences", "```ad-note\ntitle: Hello\n# Inside\n\ntext [00:00:09]\n```\n\n" * 100),
    ("paragraphs without blank lines", "line of prose\n" * 2000),
    ("repeated frontmatter and From line", "From: [[Chan]]\n---\ntitle: again\n---\n\n" + "para\n\n" * 200),
    ("whole note in a markdown fence", "```markdown\n# Title\n\n" + "- item\n" * 300 + "\n```\n"),
]

# One block each, so never cut: a table, a paragraph, a list no window can tell tight or loose.
UNCUT = {"table rows", "paragraphs without blank lines", "list of fences only"}


def _written(folder: Path, name: str, content: bytes) -> Note:
    path = folder / name
    path.write_bytes(content)
    return read_note(path, name)


def _cases() -> list[pytest.param]:
    cases = [pytest.param("construct", name.encode(), text.encode(), id=name) for name, text in CONSTRUCTS]
    if CORPUS.is_dir():
        cases += [pytest.param("corpus", str(p).encode(), b"", id=str(p.relative_to(CORPUS))) for p in sorted(CORPUS.rglob("*.md"))]
    cases += [pytest.param("hostile", name, content, id=f"hostile-{n}") for n, (_f, name, content) in enumerate(terminal_notes())]
    cases += [pytest.param("hostile", name.encode(), content, id=name) for name, content, said in broken_files() if said != "binary file"]
    cases += [pytest.param("hostile", name.encode(), content, id=name) for name, content in heavy_files().items()]
    return cases


def _sliced_plain(sliced: SlicedNote) -> str:
    return "\n".join(piece.layout.text(y).rstrip() for piece in sliced.pieces(WIDTH) for y in range(piece.layout.height))


@pytest.mark.parametrize(("kind", "name", "content"), _cases())
def test_slices_render_and_outline_as_the_whole_note(kind: str, name: bytes, content: bytes, tmp_path: Path) -> None:
    note = read_note(name.decode(), "note.md") if kind == "corpus" else _written(tmp_path, "note.md", content)
    whole = build_view(note, None)
    sliced = SlicedNote(note, None, size=TINY)
    if kind == "construct":
        assert (len(sliced.body.slices) > 1) is (name.decode() not in UNCUT)
    assert _sliced_plain(sliced) == whole.document.layout(WIDTH).plain()
    assert sliced.title == whole.note.title
    assert sliced.warnings == whole.parsed.warnings
    walker = OutlineWalker()
    for _piece, tokens in parse_slices(plan(note.text, TINY)):
        walker.feed(tokens)
    assert walker.outline == whole.parsed.outline  # sections with their text, timestamps, links


def test_slices_cover_the_body_in_order() -> None:
    text = "".join(CONSTRUCTS[n][1] for n in range(len(CONSTRUCTS)))
    body = plan(text, TINY)
    assert body.slices[0].start == 0 and body.slices[-1].end == len(body.text)
    assert all(a.end == b.start for a, b in zip(body.slices, body.slices[1:]))
    assert all(body.text.count("\n", 0, s.start) == s.line for s in body.slices)
    assert len(body.slices) > 50


def test_show_streams_a_huge_note_as_it_renders_whole(tmp_path: Path) -> None:
    text = "# Huge\n\n" + "".join(text for _name, text in CONSTRUCTS) * 6
    note = _written(tmp_path, "huge.md", text.encode())
    assert should_slice(note.text) and len(note.text) > SLICED_NOTE_CHARS
    out = io.StringIO()
    print_note(note, None, width=WIDTH, file=out)
    whole = build_view(note, None)
    assert out.getvalue() == f"{whole.note.title}\n\n{whole.document.layout(WIDTH).plain()}\n"


def test_show_of_a_small_note_is_not_sliced(tmp_path: Path) -> None:
    note = _written(tmp_path, "small.md", CONSTRUCTS[0][1].encode())
    assert not should_slice(note.text)
    out = io.StringIO()
    print_note(note, None, width=WIDTH, file=out)
    whole = build_view(note, None)
    assert out.getvalue() == f"{whole.note.title}\n\n{whole.document.layout(WIDTH).plain()}\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_show_by_slice_prints_what_show_whole_prints(terminal: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Styles and OSC 8 links too: a timestamp in a late slice still links to its own time."""
    text = f"---\ntitle: Styled\nvideoId: {'A' * 11}\n---\n" + "".join(text for _name, text in CONSTRUCTS)
    note = _written(tmp_path, "styled.md", text.encode())
    outputs = []
    for threshold in (len(note.text), 0):
        monkeypatch.setattr("shownotes.core.notes.slices.SLICED_NOTE_CHARS", threshold)
        out = _Terminal() if terminal else io.StringIO()
        print_note(note, None, width=WIDTH, file=out)
        outputs.append(re.sub(r"\]8;id=\d+;", "]8;;", out.getvalue()))  # rich numbers each link at random
    assert len(plan(note.text).slices) > 3
    assert outputs[0] == outputs[1]
    assert not terminal or "&t=9s" in outputs[1]  # [00:00:09]: only the late constructs hold it
