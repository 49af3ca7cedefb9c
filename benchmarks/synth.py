"""A synthetic library made from the real corpus notes, for scale work.

Notes are copied from ../shared/corpus with new file names, titles and videoIds (3-4 notes share a
videoId, as real episodes do), spread over channel folders, plus one ~1 MB note of concatenated bodies.

    uv run python benchmarks/synth.py /tmp/synth 20000
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_FRONTMATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_TITLE = re.compile(r"^title:\s*(.*)$", re.MULTILINE)


def video_id(number: int) -> str:
    """A valid 11-character id, distinct for every number (a fixed prefix, then base 64)."""
    digits = []
    for _ in range(8):
        number, digit = divmod(number, 64)
        digits.append(_ALPHABET[digit])
    return "syn" + "".join(reversed(digits))


def corpus_notes(corpus: Path = CORPUS) -> list[tuple[str, str, str]]:
    """(stem, title, body) of every corpus note that has frontmatter with a videoId."""
    notes = []
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = _FRONTMATTER.match(text)
        if match is None or "videoId:" not in match.group(1):
            continue
        title = _TITLE.search(match.group(1))
        notes.append((path.stem, title.group(1).strip().strip("\"'") if title else path.stem, text[match.end() :]))
    if not notes:
        raise SystemExit(f"no corpus notes with a videoId under {corpus}")
    return notes


def _note(title: str, video: str, body: str) -> str:
    quoted = title.replace("'", "''")
    return f"---\ntitle: '{quoted}'\nvideoId: {video}\n---\n{body}"


def build_library(
    dest: Path, count: int = 20000, folders: int = 80, big_note_bytes: int = 1_000_000, *, corpus: Path = CORPUS
) -> Path:
    """Write `count` notes (plus one big note) under dest/synth and return that folder."""
    sources = corpus_notes(corpus)
    root = Path(dest) / "synth"
    root.mkdir(parents=True, exist_ok=False)
    for folder in range(folders):
        (root / f"channel_{folder:03d}").mkdir()
    for number in range(count):
        stem, title, body = sources[number % len(sources)]
        episode = number * 2 // 7  # 4, 3, 4, 3 ... notes per video
        folder = root / f"channel_{episode % folders:03d}"
        text = _note(f"{title} (copy {number})", video_id(episode), body)
        (folder / f"{stem}_{number:05d}.md").write_text(text, encoding="utf-8")
    parts, size = [], 0
    for _stem, _title, body in sources * (1 + big_note_bytes // 10_000):
        if size >= big_note_bytes:
            break
        parts.append(body)
        size += len(body.encode("utf-8")) + 1
    big = _note("Synthetic big note", video_id(count + 1_000_000), "\n".join(parts))
    (root / "channel_000" / "synthetic_big_note.md").write_text(big, encoding="utf-8")
    return root


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("synth-library")
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    print(build_library(target, total))
