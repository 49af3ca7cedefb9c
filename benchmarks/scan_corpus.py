"""Counts the real-library shapes of issue 11 over a library, and what the reader still gets wrong on them.

    uv run python benchmarks/scan_corpus.py [LIBRARY ...]     (default: ../shared/corpus)

"shapes" are counted from the raw files with patterns of this script's own (independent of the parser);
"outcomes" are measured on what the parser and renderer make of the same notes. Prints; never fails.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from shownotes.core.library import Library
from shownotes.core.notes.note import split_frontmatter
from shownotes.core.timecode import parse_time as seconds
from shownotes.render import Document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"
START = re.compile(r"<a\b[^<>\n]{0,300}?yt-timestamp", re.IGNORECASE)
DATA_T = re.compile(r"""data-t(?:imestamp)?\s*=\s*["']?([^"'\s>\]]*)""", re.IGNORECASE)
WHOLE = re.compile(r"<a\b[^<>]*yt-timestamp[^<>]*>((?:[^<>]|\[\[[^\]]*\]\])*?)</a\s*>", re.IGNORECASE)
DOUBLE = re.compile(r"\[\d{1,4}:\d{1,2}(?::\d{1,2})?\]\(\s*<a\b[^<>]*yt-timestamp", re.IGNORECASE)
WIKI_TIME = re.compile(r"\[\[\s*\d{1,4}:\d{1,2}(?::\d{1,2})?\s*\]\]")
TABLE_WIKI_PIPE = re.compile(r"^\s*\|.*\[\[[^\]\n]*(?<!\\)\|[^\]\n]*\]\]", re.MULTILINE)
INLINE_TAG = re.compile(r"<(sup|sub|br|b|i|u|mark|kbd|em|strong|span|font|s|del|small|big|abbr|cite|code)\b[^<>]*>", re.IGNORECASE)
CALLOUT_DIV = re.compile(r"<div[^>]*class=[\"'](?:[^\"']*\s)?callout(?=[\"'\s])", re.IGNORECASE)
WHOLE_FENCE = re.compile(r"\A\s*(`{3,}|~{3,})[ \t]*(markdown|md)[ \t]*\n.*\n[ \t]*\1[ \t]*\s*\Z", re.DOTALL | re.IGNORECASE)
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
    expected += sum(1 for match in BRACKET.finditer(outside_anchors(body)) if seconds(match.group(1)) is not None)
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


def _unassigned(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) == "Cn"


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


OUTCOMES = (
    "timestamps lost", "timestamps counted twice", "raw '<a' in rendered text", "raw '<div' / '<sup' in rendered text",
    "'[[' in rendered text", "'▶ …(▶' doubles in rendered text", "math source ('\\frac', '^{') in rendered text",
    "math rendered (LaTeX converted)", "raw '```markdown' in rendered text", "sections named 'From:' or 'title:'",
    "timestamps showing their label's time beside", "unresolved links", "unresolved links with a near match",
    "timestamps shown with another time than linked", "timestamps shown without a time",
)  # fmt: skip


def outcomes(library: Library, expected: dict[str, int], out: Counter) -> None:
    stems: dict[str, list[str]] = {}
    for note in library.notes:
        stems.setdefault(squash(note.stem), []).append(note.rel)
    for note in library.notes:
        parsed = note.parse()
        outline = parsed.outline
        rendered = Document(parsed.tokens).layout(100).plain()
        got = len(outline.timestamps)
        if got < expected[note.rel]:
            out["timestamps lost"] += expected[note.rel] - got
        elif got > expected[note.rel]:
            out["timestamps counted twice"] += got - expected[note.rel]
        out["raw '<a' in rendered text"] += rendered.count("<a ")
        out["raw '<div' / '<sup' in rendered text"] += rendered.count("<div") + rendered.count("<sup")
        out["'[[' in rendered text"] += rendered.count("[[")
        out["'▶ …(▶' doubles in rendered text"] += len(re.findall(r"▶[\s\d:]*\(▶", rendered))
        out["math source ('\\frac', '^{') in rendered text"] += rendered.count("\\frac") + rendered.count("^{")
        out["raw '```markdown' in rendered text"] += rendered.count("```markdown")
        out["math rendered (LaTeX converted)"] += sum(
            1 for token in parsed.tokens for child in token.children or () if child.type == "math"
        )
        out["timestamps showing their label's time beside"] += sum(
            1 for s in outline.timestamps if getattr(s, "label_seconds", None) is not None
        )
        shown = re.findall("▶(?:\u00a0(\\d+:\\d\\d(?::\\d\\d)?))?", rendered)
        if len(shown) == len(outline.timestamps):
            out["timestamps shown with another time than linked"] += sum(
                1 for text, stamp in zip(shown, outline.timestamps) if text and seconds(text) != stamp.seconds
            )
            out["timestamps shown without a time"] += shown.count("")
        out["sections named 'From:' or 'title:'"] += sum(
            1 for s in outline.sections if s.title.startswith(("From:", "title:"))
        )
        for link in outline.links:
            if library.resolve(link.target, note) is not None:
                continue
            out["unresolved links"] += 1
            if stems.get(squash(link.target.rsplit("/", 1)[-1])):
                out["unresolved links with a near match"] += 1
        for warning in parsed.warnings:
            out["warning: " + re.sub(r"\d+|'[^']*'|\[[^\]]*\]", "…", warning)[:90]] += 1


def scan_library(root: Path) -> None:
    started = time.perf_counter()
    library = Library.open(root)
    shapes: Counter = Counter()
    expected: dict[str, int] = {}
    for note in library.notes:
        raw = note.path.read_text(encoding="utf-8", errors="replace")
        _meta, body, _line, _warnings = split_frontmatter(raw)
        expected[note.rel] = shapes_of(raw, body, shapes)
    out: Counter = Counter(dict.fromkeys(OUTCOMES, 0))
    outcomes(library, expected, out)
    print(f"\n{root}: {len(library.notes)} notes, {sum(expected.values())} timestamps expected "
          f"({time.perf_counter() - started:.1f} s)")
    print("  shapes in the raw notes:")
    for name, count in sorted(shapes.items(), key=lambda item: item[0].strip()):
        print(f"    {name:<66} {count:>7}")
    print("  what the parser and renderer make of them:")
    for name, count in sorted(out.items()):
        print(f"    {name:<66} {count:>7}")


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
