"""`shownotes search`: one library's index, brought up to date first, or with `--all` every library
whose index is in the cache folder, each hit naming its library."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_io import CliError, emit_json
from .cli_memory import progress_printer, say_waiting
from .core.textsafe import clean_line
from .core.timecode import format_time


def search(query: str, target: Path | None, limit: int, as_json: bool) -> int:
    """`target` None: every indexed library."""
    from .core.index import schema

    if target is not None:
        found = [(target, hit) for hit in _search_one(target, query, limit, strict=True)]
    else:
        libraries = [root for root, _db in schema.indexed_libraries()]
        if not libraries:
            where = clean_line(str(schema.cache_base() / "index"))
            raise CliError(f"no library has a search index in {where} yet; `shownotes search QUERY PATH` makes one")
        from .core.everywhere import merge

        each = []
        for root in libraries:
            if not root.exists():
                print(f"shownotes: {clean_line(str(root))} is gone; its index is not searched", file=sys.stderr)
                continue
            each.append((root, _search_one(root, query, limit, strict=False, named=True)))
        found = merge(each, limit)
    named = target is None
    if as_json:
        emit_json([{**({"library": str(root)} if named else {}), **_row(hit)} for root, hit in found])
        return 0 if found else 1
    for root, hit in found:
        library = f"{clean_line(str(root))}\t" if named else ""
        print(f"{library}{hit.link or clean_line(str(hit.path))}\t{hit.title}\t{hit.section_title or '-'}\t{hit.snippet_text}")
    if not found:
        print(f"shownotes: no note matches {clean_line(query)!r}", file=sys.stderr)
    return 0 if found else 1


def _search_one(target: Path, query: str, limit: int, strict: bool, named: bool = False) -> list:
    """The hits of one library, its index updated first. `strict`: an index that cannot be brought up
    to date is an error (an answer from part of the library would look like the whole answer); else it
    is said and that library is left out."""
    from .core.index import Index
    from .core.index.search import parse_query, scope_line

    prefix = f"{clean_line(str(target))}: " if named else ""
    try:
        index = Index.open(target)
    except FileNotFoundError as error:
        raise CliError(str(error)) from error
    with index:
        for notice in index.notices:
            print(f"shownotes: {prefix}{notice}", file=sys.stderr)
        result = index.update(progress=progress_printer(), waiting=say_waiting)
        if result.locked:  # waiting longer would hang a script; an answer from the old index could be wrong
            message = f"{prefix}{result.error}; no answer (try again once it has finished)"
            if strict:
                raise CliError(message)
            print(f"shownotes: {message}", file=sys.stderr)
            return []
        if result.error:
            message = f"{prefix}{result.error}; the index is incomplete, so no answer (the next search finishes it)"
            if strict:
                raise CliError(message)
            print(f"shownotes: {message}", file=sys.stderr)
            return []
        hits = index.search(query, limit=max(1, limit))
        channel = parse_query(query).channel
        if channel:
            print(f"shownotes: {prefix}channel:{channel} {scope_line(channel, index.channels_matching(channel))}", file=sys.stderr)
    return hits


def _row(hit) -> dict:
    return {
        "link": hit.link,
        "path": clean_line(str(hit.path)),
        "file": str(hit.path),  # the real path, exact (escaped in the JSON where it must be)
        "rel": hit.rel,
        "title": hit.title,
        "channel": hit.channel,
        "video_id": hit.video_id,
        "section": hit.section_title,
        "section_index": hit.section,
        "seconds": hit.seconds,
        "time": format_time(hit.seconds) if hit.seconds is not None else None,
        "snippet": hit.snippet_text,
        "pieces": [[text, match] for text, match in hit.snippet],
        "score": round(hit.score, 4),
    }
