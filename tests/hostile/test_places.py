"""Every place a note's text is shown carries no control, bidi or zero-width character, and shows the
hostile bytes as visible text instead of dropping them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from shownotes.core import textsafe
from shownotes.core.index import Index
from shownotes.core.library import Library
from shownotes.core.notes import markdown
from shownotes.render.layout import Document
from shownotes.render.view import build_view

from .checks import forbidden
from .corpus import AUTOLINK, ENTITIES, PAYLOAD, SEARCH_WORD

Strings = Callable[[Library], Iterable[str]]


def _outlines(library: Library):
    return [note.parse().outline for note in library.notes]


def _layouts(library: Library) -> Iterable[str]:
    for note in library.notes:
        layout = build_view(note, library).document.layout(60)
        layout.extend()
        yield layout.plain()


def _snippets(library: Library) -> Iterable[str]:
    with Index.open(library.root) as index:
        index.update(workers=1)
        hits = index.search(SEARCH_WORD, limit=100)
        assert len(hits) >= 8, "the search must find the hostile notes for this check to mean anything"
        for hit in hits:
            yield from (hit.title, hit.channel, hit.section_title, hit.rel, hit.snippet_text, hit.marked())


# (place, the strings shown there, characters allowed there, a visible sign of the payload expected there)
PLACES: list[tuple[str, Strings, str, str]] = [
    ("titles", lambda lib: [n.title for n in lib.notes], "", "␛]2;PWNED-TITLE␇"),
    ("file and folder names", lambda lib: [n.rel for n in lib.notes] + [n.name for n in lib.notes], "", "␛]2;PWNED-TITLE␇"),
    ("non-UTF-8 file names", lambda lib: [n.rel for n in lib.notes if "latin" in n.rel], "", "<U+DC9B>"),  # one rel per real name: a byte spelled, not dropped
    ("channels", lambda lib: lib.channel_names(), "", "␛[2J"),
    ("episodes", lambda lib: [e.title for c in lib.channels for e in c.episodes], "", "␛]2;PWNED-TITLE␇"),
    ("channel hints (From: lines)", lambda lib: [n.channel_hint or "" for n in lib.notes], "", "␛[2J"),
    ("library warnings", lambda lib: [str(w) for w in lib.warnings], "", "␛]2;PWNED-TITLE␇"),
    ("parser warnings", lambda lib: [w for n in lib.notes for w in n.parse().warnings], "", "␛c␛#8"),
    ("headings", lambda lib: [s.title for o in _outlines(lib) for s in o.sections], "", "<U+202E>"),
    ("section text", lambda lib: [s.text for o in _outlines(lib) for s in o.sections], "\n\t", "␛]52;c;"),
    ("timestamp contexts", lambda lib: [t.context for o in _outlines(lib) for t in o.timestamps], "", "␛"),
    ("wiki link targets", lambda lib: [x for o in _outlines(lib) for link in o.links for x in (link.target, link.heading or "", link.alias or "")], "", "␛c␛#8"),
    ("rendered notes", _layouts, "\n", "␛]52;c;"),
    ("search snippets", _snippets, "", "␛"),
]


@pytest.mark.parametrize(("strings", "allow", "visible"), [p[1:] for p in PLACES], ids=[p[0] for p in PLACES])
def test_no_control_reaches_any_place(hostile_root: Path, strings: Strings, allow: str, visible: str) -> None:
    library = Library.open(hostile_root)
    shown = list(strings(library))
    assert shown, "nothing to check: the hostile library must reach this place"
    for text in shown:
        assert not forbidden(text, allow), (text[:200], forbidden(text, allow)[:10])
    if visible:
        assert any(visible in text for text in shown), f"the payload should be shown as {visible!r}, not dropped"


# Text that decodes to controls only inside the parser: entities, autolinks, HTML blocks.
DECODED = [
    ("hex entity ESC", "a &#x1b;[2J b", "\x1b"),
    ("decimal entity BEL", "&#27;]2;x&#7;", "\x07"),
    ("entity bidi override", "x &#x202e;gnp.exe", "\u202e"),
    ("entity isolate", "&#x2068;iso&#x2069;", "\u2068"),
    ("entity zero width", "zero&#x200b;width", "\u200b"),
    ("entity CR", "over&#13;write", "\r"),
    ("entity form feed", "page&#12;break", "\x0c"),
    ("entity line separator", "a&#x2028;b", "\u2028"),
    ("autolink percent ESC", AUTOLINK, "\x1b"),
    ("autolink percent C1", "<https://e.com/%C2%9B2J>", "\x9b"),
    ("image alt entity", "![a&#x202e;b](https://e.com/i.png)", "\u202e"),
    ("heading entity", "# H &#x202e; &#13;x", "\u202e"),
    ("html block entity", "<div>&#x202e;para &#13;cr</div>\n", "\u202e"),
    ("html callout title", '<div class="callout"><div class="callout-title">T &#x202e;</div></div>\n', "\u202e"),
    ("table cell entity", "| a &#x202e; |\n|---|\n| &#13; |\n", "\u202e"),
    ("every payload", PAYLOAD + ENTITIES, "\x1b"),
]


@pytest.mark.parametrize(("source", "hidden"), [c[1:] for c in DECODED], ids=[c[0] for c in DECODED])
def test_decoded_text_is_made_safe_again(source: str, hidden: str) -> None:
    tokens, _warnings = markdown.parse(textsafe.clean(source))
    texts = [child.content for token in tokens for child in _walk(token.children or [])]
    assert texts, "the source should parse to some text"
    for text in texts:
        assert hidden not in text and not forbidden(text, "\t"), text
    layout = Document(tokens).layout(80)
    assert not forbidden(layout.plain(), "\n")


def _walk(children):
    for child in children:
        if child.type in ("text", "code_inline"):
            yield child
        yield from _walk(child.children or [])
