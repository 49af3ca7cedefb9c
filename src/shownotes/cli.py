"""Command line: `shownotes [PATH]` opens the reader; subcommands serve scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from .core.library.library import Library
from .core.notes.note import Note
from .core.textsafe import clean_line
from .core.timecode import deep_link, format_time

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


class CliError(Exception):
    """A one-line error for stderr; exit status 2."""


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    def register(function: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = function
        return function

    return register


def open_library(path: str | None) -> Library:
    try:
        return Library.open(path)
    except FileNotFoundError as error:
        raise CliError(str(error)) from error
    except OSError as error:
        raise CliError(f"cannot open {clean_line(str(path))}: {error.strerror or error}") from error


def pick_note(library: Library, query: str) -> Note:
    found = library.find(query)
    if not found:
        raise CliError(f"no note matches {clean_line(query)!r}")
    if len(found) > 1:
        names = "; ".join(f"{note.title} ({note.rel})" for note in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise CliError(f"{clean_line(query)!r} is ambiguous: {names}{more}")
    return found[0]


def library_for_note(query: str, path: str | None) -> Library:
    if path is None and Path(query).expanduser().is_file():
        return open_library(str(Path(query).expanduser().parent))
    return open_library(path)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def emit_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@command("list")
def cmd_list(args: argparse.Namespace) -> int:
    library = open_library(args.path)
    channels = []
    for channel in library.channels:
        episodes = []
        groups = [(e.video_id, e.title, e.notes) for e in channel.episodes]
        if channel.pages:
            groups.append((None, "(no video)", channel.pages))
        for video_id, title, notes in groups:
            rows = []
            for note in notes:
                parsed = note.parse()
                note, outline = note.titled(parsed), parsed.outline
                rows.append(
                    {
                        "title": note.title,
                        "path": note.rel,
                        "video_id": note.video_id,
                        "sections": sum(1 for s in outline.sections if s.level > 0),
                        "timestamps": len(outline.timestamps),
                        "warnings": len(note.warnings),
                    }
                )
            episodes.append({"title": title, "video_id": video_id, "notes": rows})
        channels.append({"channel": channel.name, "episodes": episodes})
    if args.json:
        emit_json({"library": str(library.root), "channels": channels, "warnings": len(library.warnings)})
        return 0
    for channel in channels:
        count = sum(len(e["notes"]) for e in channel["episodes"])
        print(f"{channel['channel']}  ({plural(len(channel['episodes']), 'episode')}, {plural(count, 'note')})")
        for episode in channel["episodes"]:
            print(f"  {episode['title']}  [{episode['video_id'] or 'no video'}]")
            for row in episode["notes"]:
                counts = f"{plural(row['sections'], 'section')}, {plural(row['timestamps'], 'timestamp')}"
                print(f"    {row['title']}  {counts}  ({row['path']})")
    if library.warnings:
        print(f"{len(library.warnings)} warning(s); run `shownotes check` to see them", file=sys.stderr)
    return 0


@command("links")
def cmd_links(args: argparse.Namespace) -> int:
    library = library_for_note(args.note, args.path)
    note = pick_note(library, args.note)
    parsed = note.parse()
    note, outline = note.titled(parsed), parsed.outline
    titles = {section.index: section.title for section in outline.sections}
    rows = [
        {
            "time": format_time(stamp.seconds),
            "seconds": stamp.seconds,
            "label": stamp.label,
            "section": titles.get(stamp.section, ""),
            "context": stamp.context,
            "url": deep_link(note.video_id, stamp.seconds),
        }
        for stamp in outline.timestamps
    ]
    if args.json:
        emit_json({"note": note.title, "path": note.rel, "video_id": note.video_id, "timestamps": rows})
        return 0
    for row in rows:
        print(f"{row['time']}\t{row['url'] or '(no video)'}\t{row['section'] or '-'}\t{row['context']}")
    if note.video_id is None:
        print(f"{note.rel}: no valid videoId, so no deep links", file=sys.stderr)
    return 0


@command("show")
def cmd_show(args: argparse.Namespace) -> int:
    from .render.terminal import print_note

    library = library_for_note(args.note, args.path)
    note = pick_note(library, args.note)
    print_note(note, library, width=args.width)
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    library = open_library(args.path)
    rows = [{"path": w.rel, "message": w.message, "fatal": w.fatal} for w in library.warnings]
    for note in library.notes:
        parsed = note.parse()
        rows.extend({"path": note.rel, "message": message, "fatal": False} for message in parsed.warnings)
        missing = {link.target for link in parsed.outline.links if library.resolve(link.target, note) is None}
        rows.extend(
            {"path": note.rel, "message": f"unresolved link [[{target}]]", "fatal": False} for target in sorted(missing)
        )
    fatal = any(row["fatal"] for row in rows)
    if args.json:
        emit_json({"library": str(library.root), "notes": len(library.notes), "warnings": rows})
    else:
        for row in rows:
            print(f"{row['path']}: {row['message']}")
        print(f"{plural(len(library.notes), 'note')}, {plural(len(rows), 'warning')}", file=sys.stderr)
    return 1 if fatal else 0


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    from .core import resources
    from .core.index import Index

    target = Path(args.path).expanduser() if args.path else resources.seeds_path()
    try:
        index = Index.open(target)
    except FileNotFoundError as error:
        raise CliError(str(error)) from error
    with index:
        for notice in index.notices:
            print(f"shownotes: {notice}", file=sys.stderr)
        show = sys.stderr.isatty()
        result = index.update(
            progress=(lambda done, total: print(f"\rindexing {done}/{total}", end="", file=sys.stderr))
            if show
            else None
        )
        if show and result.parsed:
            print(file=sys.stderr)
        if result.error:
            print(f"shownotes: {result.error}", file=sys.stderr)
        hits = index.search(args.query, limit=max(1, args.limit))
    if args.json:
        emit_json(
            [
                {
                    "link": hit.link,
                    "path": clean_line(str(hit.path)),
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
                for hit in hits
            ]
        )
        return 0
    for hit in hits:
        print(f"{hit.link or clean_line(str(hit.path))}\t{hit.title}\t{hit.section_title or '-'}\t{hit.marked()}")
    return 0


@command("bookmarks")
def cmd_bookmarks(args: argparse.Namespace) -> int:
    from .core.library.bookmarks import describe, link
    from .core.state import load_state

    state = load_state()
    if state.warning:
        print(f"shownotes: {state.warning}", file=sys.stderr)
    rows = [
        {
            "time": format_time(b.seconds) if b.seconds is not None else None,
            "seconds": b.seconds,
            "url": link(b),
            "video_id": b.video_id,
            "title": clean_line(b.title),
            "path": clean_line(b.rel),
            "label": clean_line(b.label),
        }
        for b in state.bookmarks
    ]
    if args.json:
        emit_json(rows)
        return 0
    for bookmark, row in zip(state.bookmarks, rows):
        print(f"{row['url'] or row['path']}\t{describe(bookmark)}")
    if not rows:
        print("no bookmarks yet: press m in the reader", file=sys.stderr)
    return 0


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line, like every other error (argparse prints its usage first)."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (shownotes --help)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shownotes", description="A terminal reader for libraries of episode notes.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    read = sub.add_parser("read", help="open the reader (the default)")
    read.add_argument("path", nargs="?", help="a notes folder or file (default: the bundled seeds)")
    listing = sub.add_parser("list", help="channels, episodes and notes with counts")
    listing.add_argument("path", nargs="?")
    listing.add_argument("--json", action="store_true")
    links = sub.add_parser("links", help="every timestamp of a note with its deep link")
    links.add_argument("note", help="a path, a title or a file stem")
    links.add_argument("path", nargs="?", help="the library (default: the note's folder, or the seeds)")
    links.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="print a note rendered")
    show.add_argument("note")
    show.add_argument("path", nargs="?")
    show.add_argument("--width", type=_positive, default=None)
    check = sub.add_parser("check", help="every warning in the library; exit 1 if a file could not be read")
    check.add_argument("path", nargs="?")
    check.add_argument("--json", action="store_true")
    bookmarks = sub.add_parser("bookmarks", help="the moments bookmarked in the reader (m)")
    bookmarks.add_argument("--json", action="store_true")
    search = sub.add_parser("search", help="search every note (kept in an index in the cache folder)")
    search.add_argument("query", help='words, "a phrase", prefix*, channel:NAME')
    search.add_argument("path", nargs="?", help="the library (default: the bundled seeds)")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=_positive, default=20, help="hits to print (default 20)")
    return parser


def run_reader(path: str | None) -> int:
    from .core.catalog import open_for_reader
    from .core.state import load_state
    from .tui.app import make_app

    state = load_state()
    try:
        catalog = open_for_reader(path)
    except FileNotFoundError as error:
        raise CliError(str(error)) from error
    except OSError as error:
        raise CliError(f"cannot open {clean_line(str(path))}: {error.strerror or error}") from error
    make_app(catalog, state=state).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (argv[0] not in COMMANDS and argv[0] != "read" and not argv[0].startswith("-")):
        argv = ["read", *argv]
    try:
        args = parser.parse_args(argv)
        if args.command in (None, "read"):
            return run_reader(getattr(args, "path", None))
        return COMMANDS[args.command](args)
    except CliError as error:
        print(f"shownotes: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
