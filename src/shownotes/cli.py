"""Command line: `shownotes [PATH]` opens the reader; subcommands serve scripts."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from . import cli_kinds
from .cli_io import CliError, closed_pipe, emit_json, not_a_terminal, tolerant_streams
from .cli_library import Defaults, Where
from .cli_memory import Answers, answers
from .cli_parser import build_parser
from .core.library.library import Library
from .core.notes.facts import NoteFacts
from .core.notes.note import Note
from .core.textsafe import clean_line, path_of_key
from .core.timecode import deep_link, format_time

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}
__all__ = ["CliError", "build_parser", "main"]


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    def register(function: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = function
        return function

    return register


def pick_note(library: Library, query: str, where: Where) -> Note:
    found = library.find(query)
    if not found:
        raise CliError(f"no note matches {clean_line(query)!r}{where.described()}")
    if len(found) > 1:
        names = "; ".join(f"{note.title} ({note.rel})" for note in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise CliError(f"{clean_line(query)!r} is ambiguous: {names}{more}")
    return found[0]


def library_of(args: argparse.Namespace) -> Where:
    return args.defaults.library(getattr(args, "path", None))


def existing_library(args: argparse.Namespace) -> Where:
    """For the commands that hand the library on (reader, serve): a missing one is reported here."""
    where = library_of(args)
    if not os.path.exists(where.target):
        raise CliError(f"no such file or folder: {clean_line(str(where.target.absolute()))}")
    return where


def note_and_library(args: argparse.Namespace) -> tuple[Note, Library]:
    """NOTE in PATH; with no PATH, a NOTE that is a file is read in its own folder."""
    if args.path is None and Path(args.note).expanduser().is_file():
        where = Where(str(Path(args.note).expanduser().parent))
    else:
        where = library_of(args)
    library = answers(where, not args.no_index).library
    return pick_note(library, args.note, where), library


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def channel_rows(found: Answers) -> Iterator[dict]:
    """One channel at a time, so a text listing starts (and a closed pipe stops it) before all are parsed."""
    for channel in found.library.channels:
        episodes = []
        groups = [(e.video_id, e.title, e.notes) for e in channel.episodes]
        if channel.pages:
            groups.append((None, "(no video)", channel.pages))
        for video_id, title, notes in groups:
            rows = []
            for note in notes:
                facts = found.facts(note)
                rows.append(
                    {
                        "title": facts.title,
                        "path": note.rel,
                        "file": note.file,  # the real path (rel spells what the display would hide)
                        "video_id": note.video_id,
                        "sections": facts.sections,
                        "timestamps": facts.timestamps,
                        "warnings": len(note.warnings),
                    }
                )
            episodes.append({"title": title, "video_id": video_id, "notes": rows})
        yield {"channel": channel.name, "episodes": episodes}


@command("list")
def cmd_list(args: argparse.Namespace) -> int:
    found = answers(library_of(args), not args.no_index)
    library = found.library
    if args.json:
        channels = list(channel_rows(found))
        emit_json({"library": str(library.root), "channels": channels, "warnings": len(library.warnings)})
        return 0
    for channel in channel_rows(found):
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
    note, library = note_and_library(args)
    if args.episode:
        return episode_links(note, library, args.json)
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


def episode_links(note: Note, library: Library, as_json: bool) -> int:
    """The episode's combined timeline: every moment of all its notes in time order, each with its note."""
    from .core.player.timeline import of_notes

    episode = library.episode_of(note)
    moments = of_notes(episode.notes if episode is not None else [note])
    rows = [
        {
            "time": format_time(moment.seconds),
            "seconds": moment.seconds,
            "note": moment.title,
            "path": moment.note,
            "section": moment.section,
            "context": moment.context,
            "url": deep_link(note.video_id, moment.seconds),
        }
        for moment in moments
    ]
    if as_json:
        title = episode.title if episode is not None else note.title
        emit_json({"episode": title, "video_id": note.video_id, "notes": len({r["path"] for r in rows}), "moments": rows})
        return 0
    for row in rows:
        print(f"{row['time']}\t{row['url'] or '(no video)'}\t{row['note']}\t{row['section'] or '-'}\t{row['context']}")
    return 0


@command("show")
def cmd_show(args: argparse.Namespace) -> int:
    from .render.terminal import print_note

    note, library = note_and_library(args)
    print_note(note, library, width=args.width)
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    found = answers(library_of(args), not args.no_index, links=True)
    library = found.library
    def row(rel: str, message: str, fatal: bool = False, **more: str) -> dict:
        return {"path": rel, "file": os.path.join(library.root, path_of_key(rel)), "message": message, "fatal": fatal, **more}

    rows = [row(w.rel, w.message, w.fatal) for w in library.warnings]
    resolved: dict[tuple[str, str], bool] = {}  # a link resolves by its text and its note's folder alone
    for note in library.notes:
        facts = found.facts(note)
        rows.extend(row(note.rel, message) for message in facts.warnings)
        missing = set(facts.unresolved) if facts.unresolved is not None else unresolved(library, note, facts, resolved)
        rows.extend(
            row(note.rel, f"unresolved link [[{target}]]", kind="unresolved-link") for target in sorted(missing)
        )
    for row in rows:
        row["kind"] = row.get("kind") or cli_kinds.kind_of(row["message"])
    if args.kind:
        rows = [row for row in rows if row["kind"] in args.kind]
    by_kind = cli_kinds.counts(row["kind"] for row in rows)
    fatal = any(row["fatal"] for row in rows)
    if args.json:
        emit_json({"library": str(library.root), "notes": len(library.notes), "warnings": rows, "summary": by_kind})
    else:
        for row in rows:
            print(f"{row['path']}: {row['message']}")
        kinds = f": {cli_kinds.summary(by_kind)}" if by_kind else ""
        print(f"{plural(len(library.notes), 'note')}, {plural(len(rows), 'warning')}{kinds}", file=sys.stderr)
    return 1 if fatal else 0


def unresolved(library: Library, note: Note, facts: NoteFacts, resolved: dict[tuple[str, str], bool]) -> set[str]:
    """The note's link targets that name no note; `resolved` remembers by target and folder (all a
    resolution depends on)."""
    folder = note.rel.rsplit("/", 1)[0] if "/" in note.rel else ""
    missing = set()
    for target in facts.links:
        key = (folder, target)
        if key not in resolved:
            resolved[key] = not target.strip() or library.resolver.resolve(target, note.rel) is not None
        if not resolved[key]:
            missing.add(target)
    return missing


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    from .cli_search import search

    if args.all and args.path is not None:
        raise CliError("--all searches every library with an index; give it no PATH")
    return search(args.query, None if args.all else library_of(args).target, args.limit, args.json)


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


@command("completion")
def cmd_completion(args: argparse.Namespace) -> int:
    import shtab

    print(shtab.complete(build_parser(completion=True), shell=args.shell), end="")
    return 0


@command("serve")
def cmd_serve(args: argparse.Namespace) -> int:
    from .cli_serve import serve

    return serve(existing_library(args).path, args.host, args.port)


def run_reader(args: argparse.Namespace) -> int:
    where = existing_library(args)
    refusal = not_a_terminal()
    if refusal:
        raise CliError(refusal)
    from .core.catalog import open_for_reader
    from .core.state import load_state
    from .tui.app import make_app

    state = load_state()
    try:
        catalog = open_for_reader(where.path)
    except FileNotFoundError as error:
        raise CliError(str(error)) from error
    except OSError as error:
        raise CliError(f"cannot open {clean_line(str(where.target))}: {error.strerror or error}") from error
    make_app(catalog, state=state, config=args.defaults.config).run()
    return 0


def with_command(argv: list[str]) -> list[str]:
    """`shownotes [PATH]` is `shownotes read [PATH]`; a mistyped command is not taken for a PATH."""
    if argv and (argv[0] in COMMANDS or argv[0] == "read" or argv[0].startswith("-")):
        return argv
    if argv and not os.path.lexists(argv[0]):
        close = difflib.get_close_matches(argv[0], ["read", *COMMANDS], n=1)
        if close:
            raise CliError(f"unknown command {clean_line(argv[0])!r} (did you mean {close[0]!r}?)")
    return ["read", *argv]


def run(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(with_command(argv))
        if args.command in (None, "read"):
            args.defaults = Defaults()  # the reader shows the config's warnings itself
            return run_reader(args)
        args.defaults = Defaults(warn=lambda message: print(f"shownotes: {message}", file=sys.stderr))
        return COMMANDS[args.command](args)
    except CliError as error:
        print(f"shownotes: {error}", file=sys.stderr)
        return 2
    except SystemExit as exit:  # --help, --version
        return exit.code if isinstance(exit.code, int) else 0
    except KeyboardInterrupt:
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    tolerant_streams()
    try:
        status = run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # a closed pipe is found here, not in the interpreter's last flush
        return status
    except BrokenPipeError:
        return closed_pipe()
