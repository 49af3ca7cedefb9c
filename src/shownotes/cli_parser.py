"""The command line's arguments: one argparse parser, also the source of the shell completion scripts."""

from __future__ import annotations

import argparse
from typing import NoReturn

from .cli_io import CliError
from .cli_kinds import NAMES as KIND_NAMES


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


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("must be 65535 or less")
    return value


class _Version(argparse.Action):
    """--version, with the package metadata read only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> NoReturn:
        print(f"shownotes {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("shownotes")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from . import __version__

        return __version__


def _path(parser: argparse.ArgumentParser, help: str = "a notes folder or file (default: the configured library)"):
    return parser.add_argument("path", nargs="?", help=help)


def _no_index(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-index", action="store_true", help="read and parse every note instead of answering from the search index"
    )


def build_parser(completion: bool = False) -> argparse.ArgumentParser:
    """With `completion`, path arguments are marked for shtab to complete as files (shtab loads only then)."""
    parser = _Parser(prog="shownotes", description="A terminal reader for libraries of episode notes.")
    parser.add_argument("--version", action=_Version)
    files = []
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    files.append(_path(sub.add_parser("read", help="open the reader (the default)")))
    listing = sub.add_parser("list", help="channels, episodes and notes with counts")
    files.append(_path(listing))
    listing.add_argument("--json", action="store_true")
    _no_index(listing)
    links = sub.add_parser("links", help="every timestamp of a note with its deep link")
    files.append(links.add_argument("note", help="a path, a title or a file stem"))
    files.append(_path(links, "the library (default: the note's folder, or the configured library)"))
    links.add_argument("--json", action="store_true")
    _no_index(links)
    links.add_argument("--episode", action="store_true", help="every moment of every note of the note's episode, in time order")
    show = sub.add_parser("show", help="print a note rendered")
    files.append(show.add_argument("note"))
    files.append(_path(show))
    show.add_argument("--width", type=_positive, default=None)
    _no_index(show)
    check = sub.add_parser("check", help="every warning in the library; exit 1 if a file could not be read")
    files.append(_path(check))
    check.add_argument("--json", action="store_true")
    _no_index(check)
    check.add_argument("--kind", action="append", choices=KIND_NAMES, help="only this kind (repeatable)")
    bookmarks = sub.add_parser("bookmarks", help="the moments bookmarked in the reader (m)")
    bookmarks.add_argument("--json", action="store_true")
    search = sub.add_parser("search", help="search every note (kept in an index in the cache folder)")
    search.add_argument("query", help='words, "a phrase", prefix*, channel:NAME')
    files.append(_path(search))
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=_positive, default=20, help="hits to print (default 20)")
    search.add_argument("--all", action="store_true", help="every library whose index is in the cache folder")
    completion = sub.add_parser("completion", help="print the shell completion script")
    completion.add_argument("shell", choices=["bash", "zsh", "fish"])
    serve = sub.add_parser("serve", help="serve the reader to a browser (needs the serve extra)")
    files.append(_path(serve))
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="default 8000")
    if completion:
        import shtab

        for action in files:
            action.complete = shtab.FILE
    return parser
