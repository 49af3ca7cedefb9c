"""Text safety: nothing a note carries can drive the terminal; mojibake is repaired, clean text untouched."""

from __future__ import annotations

import pytest

from shownotes.core import textsafe

C0 = {chr(code) for code in range(0x20)}
C1 = {chr(code) for code in range(0x80, 0xA0)}
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u180e")
NEVER = C0 | C1 | BIDI | ZERO_WIDTH | {"\x7f", "\u2028", "\u2029"}
NEVER_IN_TEXT = NEVER - {"\n", "\t"}

CASES = [
    ("CSI colour", "red \x1b[31mALERT\x1b[0m done", "ALERT"),
    ("CSI cursor move and clear", "a\x1b[2J\x1b[H\x1b[10;10Hb", "b"),
    ("OSC title with BEL", "x\x1b]0;owned\x07y", "owned"),
    ("OSC 8 hyperlink with ST", "\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\", "click"),
    ("C1 CSI", "a\x9b31mb", "a"),
    ("C1 OSC and ST", "a\x9d0;t\x9cb", "b"),
    ("NEL", "a\x85b", "b"),
    ("every C0", "".join(sorted(C0)) + "end", "end"),
    ("every C1", "".join(sorted(C1)) + "end", "end"),
    ("DEL", "a\x7fb", "b"),
    ("bidi override", "abc\u202edcba\u202c", "dcba"),
    ("bidi embeddings", "\u202aL\u202bR\u202c", "L"),
    ("bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"),
    ("directional marks", "a\u200eb\u200fc\u061cd", "abcd"),
    ("zero width", "z\u200bw\u200cj\u200dn\u2060b\ufeffm\u180e", "zwjnbm"),
    ("line and paragraph separators", "a\u2028b\u2029c", "a"),
    ("carriage returns", "a\rb\r\nc", "a"),
]


@pytest.mark.parametrize(("text", "kept"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_controls_never_survive(text: str, kept: str) -> None:
    for function, never in ((textsafe.safe_text, NEVER_IN_TEXT), (textsafe.safe_line, NEVER),
                            (textsafe.clean, NEVER_IN_TEXT), (textsafe.clean_line, NEVER)):
        out = function(text)
        assert not set(out) & never, (function.__name__, out)
        assert kept in out
    assert textsafe.is_safe(textsafe.safe_text(text))


def test_escape_is_shown_not_dropped() -> None:
    assert textsafe.safe_line("\x1b[31m") == "\u241b[31m"
    assert textsafe.safe_text("a\nb\tc") == "a\nb\tc"
    assert textsafe.safe_line("a\nb\tc") == "a b c"


REPAIR_CASES = [
    ("em dash", "rappers â€” companies", "rappers — companies"),
    ("curly quotes", "â€œquotedâ€\x9d", "“quoted”"),
    ("apostrophe", "Thatâ€™s it", "That’s it"),
    ("accent", "cafÃ©", "café"),
    ("only the broken line changes", "ok — fine\nbad â€” line", "ok — fine\nbad — line"),
]


@pytest.mark.parametrize(("text", "repaired"), [c[1:] for c in REPAIR_CASES], ids=[c[0] for c in REPAIR_CASES])
def test_repair(text: str, repaired: str) -> None:
    assert textsafe.repair(text) == repaired


CLEAN_CASES = [
    ("ascii", "plain text [00:00:01]"),
    ("real dashes and quotes", "a — b “c” d’s"),
    ("accents", "café naïve Zürich"),
    ("CJK and emoji", "日本語 🎙️"),
    ("latin-1 letters that look like lead bytes", "Ã la carte, Â alone"),
]


@pytest.mark.parametrize("text", [c[1] for c in CLEAN_CASES], ids=[c[0] for c in CLEAN_CASES])
def test_clean_text_is_identity(text: str) -> None:
    assert textsafe.repair(text) is text
    assert textsafe.clean(text) == text


# (id, text, safe_text's output, safe_line's output): every line ends up as wide as rich measures it.
WIDTH_CASES = [
    ("tag characters are dropped", "flag \U0001f3f4\U000e0067\U000e0062\U000e007f!", "flag \U0001f3f4!", "flag \U0001f3f4!"),
    ("a lone tag", "a\U000e0041b", "ab", "ab"),
    ("unassigned code points become U+FFFD", "x\u0378y\U0003134bz\U00050000", "x\ufffdy\ufffdz\ufffd", "x\ufffdy\ufffdz\ufffd"),
    ("a noncharacter", "a\uffffb", "a\ufffdb", "a\ufffdb"),
    ("private use is kept", "a\ue000b", "a\ue000b", "a\ue000b"),
    ("tabs stay in text, not in a line", "a\tb", "a\tb", "a b"),
    ("both, beside a control", "\x1b\u0378\U000e0041", "\u241b\ufffd", "\u241b\ufffd"),
]


@pytest.mark.parametrize(("text", "as_text", "as_line"), [c[1:] for c in WIDTH_CASES], ids=[c[0] for c in WIDTH_CASES])
def test_disputed_widths_are_normalised(text: str, as_text: str, as_line: str) -> None:
    assert textsafe.safe_text(text) == textsafe.clean(text) == as_text
    assert textsafe.safe_line(text) == textsafe.clean_line(text) == as_line
    assert textsafe.is_safe(as_text) and textsafe.is_safe(text) is (text == as_text)


PATH_KEYS = [  # a real relative path -> the rel shownotes names it by
    ("chan/a.md", "chan/a.md"),
    ("chan/é — ü.md", "chan/é — ü.md"),
    ("a\u200b.md", "a<U+200B>.md"),
    ("\u2068cleoabram\u2069/n.md", "<U+2068>cleoabram<U+2069>/n.md"),
    ("a\n.md", "a<U+000A>.md"),
    ("bad\udcff.md", "bad<U+DCFF>.md"),
    ("x<U+200B>.md", "x<U+003C>U+200B>.md"),  # a name spelling a token is not the name it spells
    ("\U000e0041t.md", "<U+E0041>t.md"),
]


@pytest.mark.parametrize(("raw", "key"), PATH_KEYS)
def test_path_key_is_safe_and_gives_the_real_path_back(raw: str, key: str) -> None:
    assert textsafe.path_key(raw) == key
    assert textsafe.is_safe(key) and key.encode("utf-8")
    assert textsafe.path_of_key(key) == raw


def test_path_keys_of_names_that_look_alike_differ() -> None:
    raws = [raw for raw, _key in PATH_KEYS] + ["a.md", "\u2068a\u2069.md", "a.md\u200b", "x\u200b.md"]
    assert len({textsafe.path_key(raw) for raw in raws}) == len(raws)
