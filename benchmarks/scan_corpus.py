"""Counts the real-library shapes of issue 11 over a library, and what the reader still gets wrong on them.

    uv run python benchmarks/scan_corpus.py [LIBRARY ...]     (default: ../shared/corpus)

"shapes" are counted from the raw files with patterns of this script's own (independent of the parser);
"outcomes" are measured on what the parser and renderer make of the same notes. Prints; never fails.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from shownotes.core.library import Library
from shownotes.core.library.links import slug
from shownotes.core.notes.note import split_frontmatter
from shownotes.core.timecode import parse_time as seconds
from shownotes.render.terminal import print_note
from shownotes.render.view import build_view

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"
START = re.compile(r"<a\b[^<>\n]{0,300}?yt-timestamp", re.IGNORECASE)
DATA_T = re.compile(r"""data-t(?:imestamp)?\s*=\s*["']?([^"'\s>\]]*)""", re.IGNORECASE)
WHOLE = re.compile(r"<a\b[^<>]*yt-timestamp[^<>]*>((?:[^<>]|\[\[[^\]]*\]\])*?)</a\s*>", re.IGNORECASE)
DOUBLE = re.compile(r"\[\d{1,4}:\d{1,2}(?::\d{1,2})?\]\(\s*<a\b[^<>]*yt-timestamp", re.IGNORECASE)
WIKI_TIME = re.compile(r"\[\[\s*\d{1,4}:\d{1,2}(?::\d{1,2})?\s*\]\]")
TABLE_WIKI_PIPE = re.compile(r"^\s*\|.*\[\[[^\]\n]*(?<!\\)\|[^\]\n]*\]\]", re.MULTILINE)
INLINE_TAG = re.compile(r"<(sup|sub|br|b|i|u|mark|kbd|em|strong|span|font|s|del|small|big|abbr|cite|code)\b[^<>]*>", re.IGNORECASE)
CALLOUT_DIV = re.compile(r"<div[^>]*class=[\"'](?:[^\"']*\s)?callout(?=[\"'\s])", re.IGNORECASE)
WHOLE_FENCE = re.compile(r"\A\s*(`{3,}|~{3,})[ \t]*(markdown|md)[ \t]*\n.*\n([ \t]*\1)[ \t]*\s*\Z", re.DOTALL | re.IGNORECASE)
CODE = re.compile(r"^[ \t]*(`{3,}|~{3,})(?![ \t]*ad-)[^\n]*\n.*?^[ \t]*\1[ \t]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
RANGE_TIMES = re.compile(r"\d{1,4}:\d{1,2}(?::\d{1,2})?")
AD_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*ad-[\w-]+", re.MULTILINE)
DISPLAY_MATH = re.compile(r"\$\$(?=\S).+?(?<=\S)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=[^\s$])([^$\n]{1,300}?)(?<=[^\s\\$])\$(?![\d$])")
REPEATED_FM = re.compile(r"\A\s*(?:From:[^\n]*\n\s*)?---[ \t]*\n[A-Za-z_][\w-]*:[^\n]*\n(?:[^\n]*\n){0,40}?---[ \t]*$", re.MULTILINE)
FROM_RULE = re.compile(r"^From:[^\n]*\n---[ \t]*$", re.MULTILINE)
TAG_CHARS = re.compile("[\U000e0000-\U000e007f]")
TAB_IN_ROW = re.compile(r"^\s*\|[^\n]*\t[^\n]*\|", re.MULTILINE)
TAB_IN_HEADING = re.compile(r"^#{1,6}[ \t][^\n]*\t", re.MULTILINE)
PRICE = re.compile(r"\$\d")
DOUBLE_HEAD = re.compile(r"\[\d{1,4}:\d{1,2}(?::\d{1,2})?\]\(\s*(?=<a\b[^<>]*yt-timestamp)", re.IGNORECASE)
UNCLOSED = re.compile(r"<a\b[^<>\n]{0,300}?yt-timestamp[^<>\n]*>?\s*(?:\[\d{1,4}:\d{1,2}(?::\d{1,2})?\])?", re.IGNORECASE)
INVISIBLE = re.compile("[\u2066-\u2069\u200b-\u200f]")
BRACKET = re.compile(r"\[(\d+:\d+(?::\d+)?)\]")


def anchors(raw: str, shapes: Counter) -> int:
    """Counts anchor shapes; returns how many timestamps a reader should see (valid data-t or label)."""
    expected = 0
    for start in START.finditer(raw):
        tail = raw[start.start() : start.start() + 700]
        attr = DATA_T.search(tail, 0, 400)
        data = seconds(attr.group(1)) if attr else None
        whole = WHOLE.match(tail)
        if whole is None:
            closed = re.match(r"<a\b[^<>]*>", tail)
            shapes["anchor: no '>' (broken start tag)" if closed is None else "anchor: no '</a>' (unclosed)"] += 1
            if closed is None:  # `data-t="00:15:11]-[00:15:24]</a>`: every time in the broken tag
                tag = re.match(r"<a\b[^<>]*", tail).group()
                expected += sum(1 for time_ in RANGE_TIMES.findall(tag) if seconds(time_) is not None)
            else:
                expected += data is not None
            continue
        label = whole.group(1).strip()
        if len(label) > 60:
            shapes["anchor: label longer than 60 characters"] += 1
        if "[[" in label:
            shapes["anchor: label is a wiki link"] += 1
        if '">' in label or "'>" in label:
            shapes["anchor: duplicated value in the label"] += 1
            label = re.split(r"[\"']>", label)[-1]
        said = seconds(label.strip("[]").lstrip("/"))
        expected += data is not None or said is not None
        if data is not None and data >= 24 * 3600:
            shapes["anchor: data-t over 24 h"] += 1
            if said == data and data % 60 == 0:
                shapes["anchor: data-t over 24 h, label agreeing, H:MM:00 (likely minutes written as hours)"] += 1
        if data is not None and said is not None and data != said:
            if data == said * 60:
                kind = "minutes written as hours (H:MM:00 vs 0:H:MM)"
            elif said == data * 60:
                kind = "label in hours, data-t in minutes"
            else:
                kind = "other"
            shapes[f"anchor: label disagrees with data-t, {kind}"] += 1
    return expected


def outside_anchors(body: str) -> str:
    """The text with every anchor gone, and with it the `[t](` before a double and the label of an unclosed one."""
    body = DOUBLE_HEAD.sub(" ", body)
    body = WHOLE.sub(" ", body)
    return UNCLOSED.sub(" ", body)


def shapes_of(raw: str, body: str, shapes: Counter) -> int:
    expected = anchors(raw, shapes)
    inside = WHOLE_FENCE.match(body)
    text = CODE.sub(" ", body[inside.end(1) : inside.start(3)] if inside else body)  # code holds no timestamps
    bare = [seconds(match.group(1)) for match in BRACKET.finditer(outside_anchors(text))]
    expected += sum(1 for value in bare if value is not None)
    shapes["bracketed [t] over 24 h outside anchors"] += sum(1 for value in bare if value is not None and value >= 24 * 3600)
    counts = {
        "[t](<a…> doubles": len(DOUBLE.findall(raw)),
        "[[t]] timestamps": len(WIKI_TIME.findall(raw)),
        "table rows with a wiki-link alias pipe": len(TABLE_WIKI_PIPE.findall(body)),
        "callout divs": len(CALLOUT_DIV.findall(body)),
        "ad-* fences": len(AD_FENCE.findall(body)),
        "display math $$…$$": len(DISPLAY_MATH.findall(body)),
        "inline math $…$": len(INLINE_MATH.findall(DISPLAY_MATH.sub(" ", body))),
        "prices ($ and a digit)": len(PRICE.findall(body)),
        "From: line then ---": len(FROM_RULE.findall(body[:3000])),
        "tag characters (U+E0000…)": len(TAG_CHARS.findall(raw)),
        "unassigned code points": sum(1 for ch in set(raw) if ord(ch) > 0x7F and _unassigned(ch)),
        "TAB in a table row": len(TAB_IN_ROW.findall(body)),
        "TAB in a heading": len(TAB_IN_HEADING.findall(body)),
    }
    for tag in INLINE_TAG.findall(body):
        counts[f"inline <{tag.lower()}>"] = counts.get(f"inline <{tag.lower()}>", 0) + 1
    if WHOLE_FENCE.match(body):
        counts["whole-note ```markdown fences"] = 1
    if REPEATED_FM.match(body):
        counts["repeated frontmatter"] = 1
    for name, count in counts.items():
        if count:
            shapes[name] += count
            shapes[f"  notes with {name}"] += 1
    return expected


def path_shapes(rel: str, shapes: Counter) -> None:
    if INVISIBLE.search(rel):
        shapes["notes whose path holds invisible characters (U+2066…U+2069, U+200B…U+200F)"] += 1
    if "/" not in rel:
        shapes["notes at the top of the library (its own pages: index.md, directory.md, …)"] += 1


def _unassigned(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) == "Cn"


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


# The groups: the shapes counted in the raw notes, and what the reader makes of them. Every
# name is printed, 0 included, so a shape this library lacks is said to be missing, not left out.
SHAPES = {
    "Timestamps": (
        "anchor: label disagrees with data-t, minutes written as hours (H:MM:00 vs 0:H:MM)",
        "anchor: label disagrees with data-t, label in hours, data-t in minutes",
        "anchor: label disagrees with data-t, other", "anchor: data-t over 24 h",
        "anchor: data-t over 24 h, label agreeing, H:MM:00 (likely minutes written as hours)",
        "bracketed [t] over 24 h outside anchors", "anchor: no '</a>' (unclosed)",
        "anchor: no '>' (broken start tag)", "anchor: duplicated value in the label", "anchor: label is a wiki link",
        "anchor: label longer than 60 characters", "[t](<a…> doubles", "[[t]] timestamps",
    ),
    "Markdown": (
        "table rows with a wiki-link alias pipe", "inline <sup>", "inline <sub>", "inline <br>", "inline <b>",
        "inline <i>", "inline <u>", "inline <mark>", "inline <kbd>", "inline <span>", "callout divs",
        "whole-note ```markdown fences", "ad-* fences", "display math $$…$$", "inline math $…$",
        "prices ($ and a digit)", "repeated frontmatter", "From: line then ---",
    ),
    "Links": (
        "wiki links", "wiki links without an alias",
        "notes whose path holds invisible characters (U+2066…U+2069, U+200B…U+200F)",
        "notes at the top of the library (its own pages: index.md, directory.md, …)",
    ),
    "Text": ("tag characters (U+E0000…)", "unassigned code points", "TAB in a table row", "TAB in a heading"),
}
OUTCOMES = {
    "Timestamps": (
        "timestamps expected (valid data-t or label)", "timestamps found", "timestamps lost", "timestamps counted twice",
        "label disagreements: the label wins (minutes written as hours), warned",
        "label disagreements: data-t kept, the label's time beside it, warned",
        "times over 24 h, warned", "unclosed or broken anchors recovered, warned", "anchors with no valid time, warned",
        "timestamps shown with another time than linked", "timestamps shown without a time",
        "raw '<a' in the reader's text", "raw '<a' in `shownotes show` output", "raw '<a' in a Timestamps pane row",
        "'▶ …(▶' doubles in rendered text",
    ),
    "Markdown": (
        "'[[' in rendered text", "raw '<div' / '<sup' / '<sub' / '<br' in rendered text",
        "math rendered (LaTeX converted)", "math source ('\\frac', '^{') in rendered text",
        "whole-note fences read as the note, warned", "raw '```markdown' in rendered text",
        "second frontmatter blocks read as metadata, warned", "sections named 'From:' or 'title:'",
    ),
    "Links": (
        "wiki links resolved", "wiki links resolved only by the library's naming rules (not by exact path or stem)",
        "  of which by the squashed name (hyphens dropped, split words, channel names, apostrophes)",
        "unresolved links", "unresolved links with a near match",
        "links without an alias shown as their note's title", "links without an alias shown as a raw file stem",
        "note paths (rel) that are not the file's real path",
    ),
}
_COUNTED = {  # warning text -> outcome; "… and N more" lines add their N
    "with minutes written as hours": "label disagreements: the label wins (minutes written as hours), warned",
    "more minutes written as hours": "label disagreements: the label wins (minutes written as hours), warned",
    "disagrees with data-t": "label disagreements: data-t kept, the label's time beside it, warned",
    "more labels that disagree": "label disagreements: data-t kept, the label's time beside it, warned",
    "beyond any plausible video": "times over 24 h, warned", "more times over": "times over 24 h, warned",
    "not closed with </a>": "unclosed or broken anchors recovered, warned",
    "more unclosed anchors": "unclosed or broken anchors recovered, warned",
    "broken start tag": "unclosed or broken anchors recovered, warned",
    "has no valid time": "anchors with no valid time, warned",
    "```markdown fence": "whole-note fences read as the note, warned",
    "second frontmatter": "second frontmatter blocks read as metadata, warned",
}
MORE = re.compile(r"… and (\d+) more")


def _count_warning(warning: str, out: Counter) -> None:
    for text, name in _COUNTED.items():
        if text in warning:
            more = MORE.match(warning)
            out[name] += int(more.group(1)) if more else 1
            return


def outcomes(library: Library, expected: dict[str, int], out: Counter, shapes: Counter) -> None:
    stems: dict[str, list[str]] = {}
    plain_names = {note.rel.lower() for note in library.notes} | {note.stem.lower() for note in library.notes}
    slugs = {slug(note.stem) for note in library.notes}
    for note in library.notes:
        stems.setdefault(squash(note.stem), []).append(note.rel)
    for note in library.notes:
        view = build_view(note, library)
        parsed, outline = view.parsed, view.parsed.outline
        rendered = view.document.layout(100).plain()
        shown_out = io.StringIO()
        print_note(note, library, width=100, file=shown_out)
        got = len(outline.timestamps)
        out["timestamps expected (valid data-t or label)"] += expected[note.rel]
        out["timestamps found"] += got
        if got < expected[note.rel]:
            out["timestamps lost"] += expected[note.rel] - got
        elif got > expected[note.rel]:
            out["timestamps counted twice"] += got - expected[note.rel]
        out["raw '<a' in the reader's text"] += rendered.count("<a ")
        out["raw '<a' in `shownotes show` output"] += shown_out.getvalue().count("<a ")
        out["raw '<a' in a Timestamps pane row"] += sum(
            "<a" in f"{s.shown} {s.label_time or ''} {s.context}" for s in outline.timestamps
        )
        out["raw '<div' / '<sup' / '<sub' / '<br' in rendered text"] += sum(
            rendered.count(tag) for tag in ("<div", "<sup", "<sub", "<br")
        )
        out["'[[' in rendered text"] += rendered.count("[[")
        out["'▶ …(▶' doubles in rendered text"] += len(re.findall(r"▶[\s\d:]*\(▶", rendered))
        out["math source ('\\frac', '^{') in rendered text"] += rendered.count("\\frac") + rendered.count("^{")
        out["raw '```markdown' in rendered text"] += rendered.count("```markdown")
        out["math rendered (LaTeX converted)"] += sum(
            1 for token in parsed.tokens for child in token.children or () if child.type == "math"
        )
        shown = re.findall("▶(?:\u00a0(\\d+:\\d\\d(?::\\d\\d)?))?", rendered)
        if len(shown) >= len(outline.timestamps):  # the related-notes block after the note holds no ▶
            out["timestamps shown with another time than linked"] += sum(
                1 for text, stamp in zip(shown, outline.timestamps) if text and seconds(text) != stamp.seconds
            )
            out["timestamps shown without a time"] += shown[: len(outline.timestamps)].count("")
        out["sections named 'From:' or 'title:'"] += sum(
            1 for s in outline.sections if s.title.startswith(("From:", "title:"))
        )
        if not note.path.is_file() or os.path.join(str(library.root), *note.rel.split("/")) != str(note.path):
            out["note paths (rel) that are not the file's real path"] += 1
        for link, target in zip(outline.links, view.targets):
            shapes["wiki links"] += 1
            if link.alias is None:
                shapes["wiki links without an alias"] += 1
            if target is None:
                out["unresolved links"] += 1
                if stems.get(squash(link.target.rsplit("/", 1)[-1])):
                    out["unresolved links with a near match"] += 1
                continue
            out["wiki links resolved"] += 1
            name = link.target.strip().lower()
            if not {name, name.rsplit("/", 1)[-1].removesuffix(".md")} & plain_names:
                out["wiki links resolved only by the library's naming rules (not by exact path or stem)"] += 1
                if slug(name.rsplit("/", 1)[-1].removesuffix(".md")) not in slugs:
                    out["  of which by the squashed name (hyphens dropped, split words, channel names, apostrophes)"] += 1
            if link.alias is None and not link.heading:
                if target.title in rendered:
                    out["links without an alias shown as their note's title"] += 1
                elif target.stem in rendered and target.stem != target.title:
                    out["links without an alias shown as a raw file stem"] += 1
        for warning in parsed.warnings:
            _count_warning(warning, out)


def report(title: str, names: dict[str, tuple[str, ...]], counts: Counter, missing: list[str] | None) -> None:
    print(f"  {title}")
    for group, group_names in names.items():
        print(f"    {group}")
        for name in group_names:
            notes = counts.get(f"  notes with {name}")
            print(f"      {name:<92} {counts[name]:>7}" + (f"  in {notes} notes" if notes else ""))
            if missing is not None and counts[name] == 0:
                missing.append(f"{group}: {name}")


def scan_library(root: Path) -> None:
    started = time.perf_counter()
    library = Library.open(root)
    shapes: Counter = Counter()
    expected: dict[str, int] = {}
    for note in library.notes:
        raw = note.path.read_text(encoding="utf-8", errors="replace")
        _meta, body, _line, _warnings = split_frontmatter(raw)
        expected[note.rel] = shapes_of(raw, body, shapes)
        path_shapes(os.path.relpath(note.path, root).replace(os.sep, "/"), shapes)
    out: Counter = Counter()
    outcomes(library, expected, out, shapes)
    print(f"\n{root}: {len(library.notes)} notes ({time.perf_counter() - started:.1f} s)")
    missing: list[str] = []
    report("shapes in the raw notes (patterns of this script, not the parser's)", SHAPES, shapes, missing)
    report("what the parser, the reader and `shownotes show` make of them", OUTCOMES, out, None)
    print("  shapes this library does not contain (count 0), so not measured here:")
    for name in missing:
        print(f"    {name}")
    print("  The reader, Bookmarks, Layout: behaviour rather than shapes of files; the Pilot tests cover them.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("libraries", nargs="*", type=Path, default=[DEFAULT])
    args = parser.parse_args(argv)
    for root in args.libraries:
        if not root.is_dir():
            print(f"{root}: not a folder", file=sys.stderr)
            continue
        scan_library(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
