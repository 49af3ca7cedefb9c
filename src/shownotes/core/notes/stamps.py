"""Timestamp rules: `<a class="yt-timestamp" data-t=…>` anchors (mangled ones too), `[00:12:45]`,
`[01:18:03](01:18:03)` and `[t](<a…>[t]</a>` doubles. The time shown is always the time linked.

Real anchors are damaged in every way a generator can damage them (no `>`, no `</a>`, a wiki link for
a label, the value written twice); whenever `data-t` holds a valid time the timestamp is recovered,
the tag never shows, and a warning says what was wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.rules_inline import StateInline

from ..timecode import parse_time

TIME_VALUE = r"\d{1,4}:\d{1,2}(?::\d{1,2})?"
PLAUSIBLE = 24 * 3600  # no video is longer: a later time is a mistake worth a warning
WARNINGS_PER_KIND = 5  # a note with 300 damaged anchors says so in a few lines, then counts the rest

# The anchor is recognised by its class word alone (`<a class class="yt-timestamp"` is real), the
# time attribute by either name (`data-timestamp=` is real too).
_START = re.compile(r"<a\b[^<>]{0,300}?yt-timestamp", re.IGNORECASE)
_TAG_REST = re.compile(r"[^<>]{0,300}")
_LABEL = re.compile(r"([^<]{0,600}?)</a\s*>", re.IGNORECASE)
_CLOSE = re.compile(r"\s*</a\s*>", re.IGNORECASE)
_DATA_T = re.compile(r"""data-t(?:imestamp)?\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_TIMES = re.compile(TIME_VALUE)
_LEADING_TIME = re.compile(r"\s*\[?(" + TIME_VALUE + r")\]?")
_BRACKET_TIME = re.compile(r"\[(" + TIME_VALUE + r")\](?:\(([^()\s]{0,200})\))?")
_DOUBLE = re.compile(r"\(\s*(?=<a\b)")
_DUPLICATED = re.compile(r"""^[^"'<>]*["']\s*>""")
# The usual anchor, `<a class="yt-timestamp" data-t="00:12:45">[00:12:45]</a>`, read in one match.
_PLAIN = re.compile(
    r"""<a\b[^<>]{0,300}?yt-timestamp[^<>]{0,300}?data-t(?:imestamp)?\s*=\s*["']?([\d:]{3,12})["']?\s*>\[(\1)\]</a\s*>""",
    re.IGNORECASE,
)


@dataclass
class Stamp:
    seconds: int
    label: str  # as written (the data-t value when the label is no time)
    label_seconds: int | None = None  # the label's own time, when the link goes elsewhere


@dataclass
class Anchor:
    end: int
    stamps: list[Stamp] = field(default_factory=list)
    text: tuple[int, int] | None = None  # a label that is no time (a wiki link, words): read as Markdown
    shown: str | None = None  # no valid time at all: this text is shown instead
    written: str = ""  # the label as written, for warnings
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)


def warn(env: dict, message: str, kind: str | None = None) -> None:
    """A warning for `check`; of one kind, only the first few are kept and the rest counted."""
    if kind is not None:
        counts = env.setdefault("warning_counts", {})
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] > WARNINGS_PER_KIND:
            return
    env.setdefault("warnings", []).append(message)


def summarise(env: dict) -> None:
    for kind, count in env.get("warning_counts", {}).items():
        if count > WARNINGS_PER_KIND:
            env["warnings"].append(f"… and {count - WARNINGS_PER_KIND} more {kind}")


def _decide(data_t: str, label: str, anchor: Anchor) -> Stamp | None:
    """Where an anchor seeks, from its data-t and its label (either may be damaged)."""
    data, said = parse_time(data_t), parse_time(label) if label else None
    if data is None and said is None:
        return None
    if data is None:
        anchor.warnings.append(("malformed data-t", f"timestamp data-t={data_t!r} is malformed; seeking to its label [{label}]"))
        return Stamp(said, label)
    if said is None or said == data:
        return Stamp(data, label if said is not None else data_t)
    if data == said * 60:
        anchor.warnings.append((
            "minutes written as hours",
            f"timestamp data-t={data_t!r} is its label [{label}] with minutes written as hours; seeking to [{label}]",
        ))
        return Stamp(said, label)
    anchor.warnings.append((
        "labels that disagree with data-t",
        f"timestamp label [{label}] disagrees with data-t={data_t!r}; seeking to data-t, the label shown beside it",
    ))
    return Stamp(data, label, said)


def _label_of(raw: str, anchor: Anchor) -> tuple[str, bool]:
    """(the label's time text, or "" for none; whether the label is text to read as Markdown)."""
    duplicated = _DUPLICATED.match(raw)
    if duplicated:  # `data-t="07:20">07:20">07:20</a>`
        anchor.warnings.append(("duplicated values", f"timestamp written twice in one tag ({raw.strip()[:40]!r})"))
        while duplicated:
            raw = raw[duplicated.end() :]
            duplicated = _DUPLICATED.match(raw)
    label = raw.strip()
    inner = label[1:-1] if label.startswith("[") and label.endswith("]") and not label.startswith("[[") else label
    inner = inner.lstrip("/").strip()
    if parse_time(inner) is not None or not inner:
        return inner, False
    return "", True


def read_anchor(src: str, pos: int, end: int) -> Anchor | None:
    """The anchor starting at `pos`, however damaged; None when there is no yt-timestamp anchor there."""
    plain = _PLAIN.match(src, pos, end)
    if plain is not None:
        seconds = parse_time(plain.group(1))
        if seconds is not None:
            return Anchor(plain.end(), [Stamp(seconds, plain.group(1))], written=plain.group(2))
    start = _START.match(src, pos, end)
    if start is None:
        return None
    rest = _TAG_REST.match(src, start.end(), end)
    tag_end = rest.end() if rest else start.end()
    attr = _DATA_T.search(src, pos, tag_end)
    data_t = attr.group(1) if attr else ""
    if tag_end >= end or src[tag_end] != ">":
        return _broken(src, pos, tag_end, end, attr)
    anchor = Anchor(tag_end + 1)
    label = _LABEL.match(src, tag_end + 1, end)
    if label is None:  # `<a … data-t="01:10:22">. These states…`: no `</a>`
        anchor.warnings.append(("unclosed anchors", f"timestamp anchor data-t={data_t!r} is not closed with </a>"))
        after = _LEADING_TIME.match(src, anchor.end, end)
        text = after.group(1) if after and parse_time(after.group(1)) is not None else ""
        if after and text:
            anchor.end = after.end()
        stamp = _decide(data_t, text, anchor)
        if stamp is not None:
            anchor.stamps.append(stamp)
        return anchor
    anchor.end = label.end()
    anchor.written = label.group(1).strip()[:60] or f"[{data_t}]"
    text, is_markdown = _label_of(label.group(1), anchor)
    stamp = _decide(data_t, text, anchor)
    if stamp is not None:
        anchor.stamps.append(stamp)
    if is_markdown:
        anchor.text = label.span(1)
    elif stamp is None:
        anchor.shown = label.group(1).strip() or f"[{data_t}]"
    return anchor


def _broken(src: str, pos: int, tag_end: int, end: int, attr: re.Match[str] | None) -> Anchor:
    """A start tag with no `>`: `data-t="00:15:11]-[00:15:24]</a>`. Every time in its value is a timestamp;
    without a `</a>` right after, the tag ends with its value and the text after it is text."""
    close = _CLOSE.match(src, tag_end, end)
    if close is None and attr is not None:
        tag_end = attr.end() + (src.startswith(('"', "'"), attr.end()))
    anchor = Anchor(close.end() if close else tag_end)
    value = attr.group(1) if attr else ""
    times = [t for t in _TIMES.findall(value) if parse_time(t) is not None]
    anchor.stamps = [Stamp(parse_time(t) or 0, t) for t in times[:4]]
    anchor.warnings.append(("broken anchors", f"timestamp anchor {src[pos:tag_end][-40:]!r} has a broken start tag"))
    return anchor


def _push(state: StateInline, stamp: Stamp, source: str) -> None:
    if stamp.seconds >= PLAUSIBLE:
        warn(state.env, f"timestamp [{stamp.label}] is beyond any plausible video (over 24 h)", "times over 24 h")
    token = state.push("timestamp", "", 0)
    token.meta = {"seconds": stamp.seconds, "label": stamp.label, "source": source, "label_seconds": stamp.label_seconds}


def _emit(state: StateInline, anchor: Anchor) -> None:
    for kind, message in anchor.warnings:
        warn(state.env, message, kind)
    if not anchor.stamps:
        outcome = "dropped" if anchor.shown is None and anchor.text is None else "shown as text"
        warn(state.env, f"timestamp {anchor.written or 'anchor'} has no valid time; {outcome}", "anchors with no valid time")
        if anchor.shown is not None:
            state.push("text", "", 0).content = anchor.shown
    for number, stamp in enumerate(anchor.stamps):
        if number:
            state.push("text", "", 0).content = "–"
        _push(state, stamp, "anchor")
    if anchor.text is not None:
        old_pos, old_max = state.pos, state.posMax
        state.pos, state.posMax = anchor.text
        if anchor.stamps:
            state.push("text", "", 0).content = " "
        state.md.inline.tokenize(state)
        state.pos, state.posMax = old_pos, old_max


def timestamp_anchor(state: StateInline, silent: bool) -> bool:
    """`<a class="yt-timestamp" data-t="00:12:45">[00:12:45]</a>` and its damaged forms."""
    if state.src[state.pos] != "<":
        return False
    anchor = read_anchor(state.src, state.pos, state.posMax)
    if anchor is None:
        return False
    if not silent:
        _emit(state, anchor)
    state.pos = anchor.end
    return True


def timestamp_bracket(state: StateInline, silent: bool) -> bool:
    """`[00:00:06]` in text, links whose text is a time (`[01:18:03](01:18:03)`), and `[t](<a…>[t]</a>)`."""
    if state.src[state.pos] != "[":
        return False
    match = _BRACKET_TIME.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    label, target = match.groups()
    seconds = parse_time(label)
    if seconds is None:
        return False
    double = _DOUBLE.match(state.src, match.end(), state.posMax) if target is None else None
    anchor = read_anchor(state.src, double.end(), state.posMax) if double else None
    if anchor is not None and anchor.stamps:  # the generator wrote the time, then its anchor: one timestamp
        closing = state.src.startswith(")", anchor.end)
        if not silent:
            _emit(state, anchor)
        state.pos = anchor.end + closing
        return True
    if not silent:
        if target is not None:
            from_target = parse_time(target)
            if from_target is not None:
                seconds = from_target
        _push(state, Stamp(seconds, label.strip()), "link" if target is not None else "bracket")
    state.pos = match.end()
    return True


def wiki_time(state: StateInline, inner: str) -> bool:
    """`[[00:12:45]]` is a timestamp, not a link to a note named so."""
    seconds = parse_time(inner)
    if seconds is None:
        return False
    _push(state, Stamp(seconds, inner.strip()), "wiki")
    return True
