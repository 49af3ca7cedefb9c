"""The index's quick extraction (notes/quick.py) gives the very record the reader's full parse gives:
title, headings, text, section starts, timestamps, links and warnings, for every corpus note, every
hostile file, and each construct the quick loop reads itself or hands back to markdown-it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from shownotes.core.index.build import extract, layout
from shownotes.core.notes import markdown
from shownotes.core.notes.outline import build_outline
from shownotes.core.notes.quick import KNOWN_RULES, InlineHost, make_quick_parser, quick_children, quick_parse
from shownotes.core.textsafe import clean
from tests.conftest import CORPUS
from tests.hostile.corpus import broken_files, heavy_files, terminal_notes
from tests.hostile.test_properties import PROPERTY, TEXT

ANCHOR = '<a class="yt-timestamp" data-t="{0}">[{0}]</a>'
LATE = " ".join(ANCHOR.format(f"25:00:0{n}") for n in range(7))  # more warnings of a kind than are listed

INLINE = [
    ("plain", "Just words, a colon: and a dash - here."),
    ("alias with trailing blanks", "See [[a|b ]] end, [[c| d\t]] and ![[e|f ]] and [[#h| g ]]; [[a|b]] _c_ [[d|e ]]_"),
    ("anchors", f"One {ANCHOR.format('00:01:02')}. Two {ANCHOR.format('01:02:03')}."),
    ("brackets", "Said [00:00:06] and [01:18:03](01:18:03) and [[00:12:45]]."),
    ("double", '[00:00:06](<a class="yt-timestamp" data-t="00:00:06">[00:00:06]</a>) after'),
    ("damaged anchors", '<a class="yt-timestamp" data-t="07:20">07:20">07:20</a> <a class="yt-timestamp" data-t="01:10:22">. Then'),
    ("anchor label is a link", '<a class="yt-timestamp" data-t="00:01:00">[[Some note]]</a> and on'),
    ("anchor label with emphasis", '*a <a class="yt-timestamp" data-t="00:01:00">*b*</a> c*'),
    ("wiki links", "See [[target]], [[target | alias]], [[note#Part|x]], [[#Only heading]] and ![[embed]]."),
    ("alias with markup", "See [[target | *em* alias]] and [[other|`code`]]."),
    ("alias with a timestamp", f"See [[target | {ANCHOR.format('00:00:09')}]] now."),
    ("empty wiki link", "An empty [[ ]] one and [[|alias]]."),
    ("emphasis", "**Claims**: text, *em*, __strong__, _under_score_, snake_case_word and 2*3*4."),
    ("unbalanced emphasis", "**open only, *one, ***three*** and ** spaced **."),
    ("emphasis around links", f"**[[target|alias]]** and *{ANCHOR.format('00:02:00')}*"),
    ("breaks", "line one  \nline two\\\nline three \n   indented\tline\t\nend"),
    ("html", "From: [[chan]] <br/> x<br>y<BR />z <sup>2</sup> <b>bold</b> a < b and a <3 c"),
    ("math", "costs $3 billion and $x^2$ and $$\\alpha$$ and $ 5 $ and $6$7"),
    ("bangs", "Wow! ![alt](img.png) and !nothing and end!"),
    ("links", "A [link](http://x.y) and [04:36, 05:06] and [ref] and <https://a.b/c> and <me@x.org>."),
    ("code and escapes", "Use `a*b*c` and \\*not em\\* and ~~gone~~ and a ~ tilde."),
    ("entities", "R&D &amp; &#x202e;x&#x202c; &nope; &#12345678;"),
    ("warnings then a fallback", f"{LATE} and then &amp; an entity"),
    ("warnings then quick", f"{LATE}\n\nand a plain paragraph {ANCHOR.format('26:00:00')}"),
    ("headings", f"# Title {ANCHOR.format('00:00:01')}\n\ntext\n\n## Part *two* [[x|y]]\n\nmore\n\n### Empty\n"),
    ("callouts and tables", "> [!note] Title [00:01:00]\n> body **b**\n\n| a | [[t | b]] |\n|---|---|\n| *c* | $d$ |\n"),
    ("nested lists", "- a **b**\n  - c [[d]]\n    1. e <br> f\n\n> quote *q*\n> > deeper"),
]


def _cases() -> list:
    cases = [pytest.param("text", f"---\ntitle: Quick\nvideoId: AAAAAAAAAAA\n---\n{text}\n".encode(), id=f"inline-{name}") for name, text in INLINE]
    cases += [pytest.param("text", content, id=f"hostile-{name.decode(errors='replace')}") for _folder, name, content in terminal_notes()]
    cases += [pytest.param("text", content, id=f"broken-{name}") for name, content, _expected in broken_files()]
    cases += [pytest.param("text", content, id=f"heavy-{name}") for name, content in heavy_files().items()]
    if CORPUS.is_dir():
        cases += [pytest.param("path", path, id=f"corpus-{path.name}") for path in sorted(CORPUS.rglob("*.md"))]
    return cases


@pytest.mark.parametrize(("kind", "source"), _cases())
def test_quick_record_is_the_full_parse_record(kind: str, source: bytes | Path, tmp_path: Path) -> None:
    if kind == "path":
        path = source
    else:
        path = tmp_path / "note.md"
        path.write_bytes(source)
    full = extract(path, path.name, quick=False)
    quick = extract(path, path.name, quick=True)  # not the environment's choice: $SHOWNOTES_INDEX_PARSE=full would compare full with full
    assert full.error is None or quick.error == full.error
    assert quick == full


def test_the_quick_loop_reads_most_of_a_note_itself() -> None:
    """Not a timing: the loop answers for the common constructs and hands back the rest."""
    env: dict = {"warnings": []}
    md = InlineHost(make_quick_parser().options)
    read = quick_children(f"**Label**: [[t | a]] {ANCHOR.format('00:00:01')} $x$ <br>", md, env)
    assert read is not None
    assert [child.type for child in read if child.content or child.type != "text"] == [
        "strong_open", "text", "strong_close", "text", "wikilink_open", "text", "wikilink_close", "text", "timestamp",
        "text", "math", "text", "hardbreak",
    ]  # fmt: skip
    assert quick_children("a `code` span", md, env) is None
    assert env == {"warnings": []}


def _index_view(tokens: list, warnings: list[str]) -> tuple:
    outline = build_outline(tokens, contexts=False)
    sections = [(s.level, s.title, s.text, s.timestamps) for s in outline.sections]
    stamps = [(t.seconds, t.label, t.label_seconds, t.section) for t in outline.timestamps]
    links = [(k.target, k.heading, k.alias, k.embed, k.section) for k in outline.links]
    return sections, stamps, links, layout(outline), warnings


@PROPERTY
@given(text=TEXT)
def test_quick_parse_is_the_full_parse_on_any_text(text: str) -> None:
    body = clean(text)  # as read_note gives the parser a body
    assert _index_view(*quick_parse(body)) == _index_view(*markdown.parse(body))


def test_the_quick_loop_runs_only_over_the_rule_chain_it_was_written_for() -> None:
    """A rule added to the shared parser turns the loop off (markdown-it takes every token), rather than
    leaving the loop to read that rule's characters as text; today's chain is the one it knows."""
    assert tuple(make_quick_parser().inline.ruler.get_active_rules()) == KNOWN_RULES
