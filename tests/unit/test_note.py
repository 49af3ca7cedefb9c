"""Reading one note: frontmatter in every shape, the title rule, mojibake repair, never raising."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from shownotes.core.notes.note import read_head, read_note

VIDEO = "P6y0gr-W2-k"

BOMB = "---\n" + "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9) if n else ', '.join(['lol'] * 9)}]\n" for n in range(10)
) + "title: Bomb\n---\n# Bomb body\n"
FILLER = "".join(f"k{i}: {'v' * 60}\n" for i in range(2000))  # about 130 KB of frontmatter
HUGE = f"---\ntitle: Huge\nvideoId: {VIDEO}\n{FILLER}---\nBody.\n"


@dataclass(frozen=True)
class Case:
    id: str
    content: str | bytes
    title_before: str  # title from the cheap metadata read, before the body is parsed
    title_after: str  # title once parse() has seen the first H1
    video_id: str | None
    warnings: tuple[str, ...]  # one substring per expected warning, in order
    body_has: str = ""
    body_lacks: str = ""


CASES = [
    Case("title and videoId", f"---\ntitle: Real title\nvideoId: {VIDEO}\n---\n# H1\n", "Real title", "Real title",
         VIDEO, ()),
    Case("no frontmatter, first H1 names it", "Intro.\n\n# First heading\n\n# Second\n", "note", "First heading",
         None, ()),
    Case("no frontmatter, no H1, file stem", "## Only H2\n\ntext\n", "note", "note", None, ()),
    Case("broken YAML", f"---\ntitle: [unclosed\nvideoId: {VIDEO}\n---\n# Heading\nbody\n", "[unclosed", "[unclosed",
         VIDEO, ("not valid YAML",), "body"),
    Case("frontmatter is a list", "---\n- a\n- b\n---\n# Listed\n", "note", "Listed", None, ("not a mapping",),
         "- a"),
    Case("frontmatter is a string", "---\njust words\n---\nbody\n", "note", "note", None, ("not a mapping",),
         "just words"),
    Case("unclosed frontmatter", "---\ntitle: Never closed\n\n# Heading\nbody\n", "note", "Heading", None,
         ("not closed",), "title: Never closed"),
    Case("empty frontmatter", "---\n---\n# After empty\n", "note", "After empty", None, ()),
    Case("huge frontmatter", HUGE, "Huge", "Huge", VIDEO, ("KB; only title and videoId",), "Body."),
    Case("YAML alias bomb", BOMB, "Bomb", "Bomb", None, ("aliases",), "Bomb body"),
    Case("title is a mapping", "---\ntitle: {a: 1}\n---\n# From H1\n", "note", "From H1", None, ("title is a dict",)),
    Case("title is a number", "---\ntitle: 42\n---\nbody\n", "42", "42", None, ()),
    Case("videoId too short", "---\ntitle: T\nvideoId: abc\n---\n", "T", "T", None, ("not a YouTube id",)),
    Case("videoId with a bad character", "---\ntitle: T\nvideoId: P6y0gr-W2-!\n---\n", "T", "T", None,
         ("not a YouTube id",)),
    Case("mojibake repaired in title and body", "---\ntitle: A â€” B\n---\nrappers â€” companies\n",
         "A — B", "A — B", None, (), "rappers — companies", "â€"),
    Case("control bytes in the title", "---\ntitle: \"Red \\e[31m title\"\n---\nbody \x1b]0;pwned\x07 here\n",
         "Red ␛[31m title", "Red ␛[31m title", None, (), "body ␛]0;pwned␇ here", "\x1b"),
    Case("byte order mark", "\ufeff---\ntitle: BOM\n---\nbody\n", "BOM", "BOM", None, ()),
    Case("CRLF line endings", "---\r\ntitle: Windows\r\n---\r\n# H\r\nline\r\n", "Windows", "Windows", None, (),
         "# H\nline", "\r"),
    Case("not UTF-8", "---\ntitle: Caf\xe9\n---\nna\xefve\n".encode("cp1252"), "Café", "Café", None,
         ("not UTF-8",), "naïve"),
    Case("empty file", "", "note", "note", None, ("empty note",)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_note_loading(case: Case, write_tree) -> None:
    path = write_tree({"note.md": case.content}) / "note.md"
    head = read_head(path, "note.md")
    note = read_note(path, "note.md")
    assert (head.title, note.title) == (case.title_before, case.title_before)
    assert head.video_id == note.video_id == case.video_id
    assert len(note.warnings) == len(case.warnings), note.warnings
    for message, expected in zip(note.warnings, case.warnings):
        assert expected in message
    assert case.body_has in note.body
    if case.body_lacks:
        assert case.body_lacks not in note.body
    assert note.titled(note.parse()).title == case.title_after


def test_body_line_maps_body_lines_to_file_lines(write_tree) -> None:
    text = "---\ntitle: T\nvideoId: P6y0gr-W2-k\n---\nIntro [00:00:01]\n\n# Heading\n"
    note = read_note(write_tree({"n.md": text}) / "n.md", "n.md")
    outline = note.parse().outline
    lines = text.split("\n")
    assert lines[note.body_line + outline.sections[1].line] == "# Heading"
    assert lines[note.body_line + outline.timestamps[0].line] == "Intro [00:00:01]"


def test_seed_note(seed_path: Path) -> None:
    note = read_note(seed_path, seed_path.name)
    assert (note.title, note.video_id, note.channel_hint) == ("AI infrastructure and tooling", VIDEO, "redpointai")
    assert "â€" in seed_path.read_text(encoding="utf-8")
    assert "â€" not in note.body
    assert '"GPT rappers" — companies' in note.body
    assert note.warnings == ()
