"""Run one worst case in a fresh process and print what it kept and the peak memory it took, as JSON.

    python memprobe.py note PATH       read, parse, lay out completely and index-extract one note
    python memprobe.py library PATH    open a folder as the reader does, then read every note's head

Peak memory is the process's ru_maxrss minus its size after imports (Linux reports kilobytes).
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from shownotes.core.catalog import open_for_reader
from shownotes.core.index.build import extract
from shownotes.core.merging import read_heads
from shownotes.core.notes.note import read_note
from shownotes.render.view import build_view


def rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def note(path: Path) -> dict:
    loaded = read_note(path, path.name)
    view = build_view(loaded, None)
    layout = view.document.layout(100)
    layout.extend()
    plain = layout.plain()
    stamps = view.outline.timestamps
    record = extract(path, path.name)
    return {
        "tail": plain[-200:],
        "height": layout.height,
        "timestamps": len(stamps),
        "seconds_in_order": all(stamp.seconds == number for number, stamp in enumerate(stamps)),
        "warnings": [*loaded.warnings, *view.parsed.warnings],
        "indexed_timestamps": record.timestamps,
        "index_error": record.error,
    }


def library(path: Path) -> dict:
    catalog = open_for_reader(path, cache_dir=path.parent / "cache")
    fresh = read_heads(catalog.library.notes)
    return {
        "notes": len(catalog.library.notes),
        "heads": len(fresh),
        "errors": sorted({note.error for note in fresh.values() if note.error}),
        "warnings": [str(w) for w in catalog.library.warnings],
        "channels": catalog.library.channel_names(),
    }


if __name__ == "__main__":
    kind, target = sys.argv[1], Path(sys.argv[2])
    baseline = rss_kb()
    result = {"note": note, "library": library}[kind](target)
    result["peak_kb"] = rss_kb() - baseline
    result["baseline_kb"] = baseline
    json.dump(result, sys.stdout)
