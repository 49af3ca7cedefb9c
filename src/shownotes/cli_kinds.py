"""The kinds of warning `shownotes check` counts and filters by, told apart by their messages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # as given to --kind and written in JSON
    one: str  # how the summary counts one
    many: str
    pattern: re.Pattern[str] | None  # None: the catch-all

    def count(self, n: int) -> str:
        return f"{n} {self.one if n == 1 else self.many}"


def _kind(name: str, one: str, many: str, pattern: str | None) -> Kind:
    return Kind(name, one, many, re.compile(pattern) if pattern is not None else None)


# In the order the summary lists them; the first pattern that matches a message wins.
KINDS = [
    _kind("unresolved-link", "unresolved link", "unresolved links", r"^unresolved link "),
    _kind("invalid-timestamp", "invalid timestamp", "invalid timestamps", r"^timestamp .* has no valid time|more anchors with no valid time$"),
    _kind("malformed-timestamp", "malformed timestamp", "malformed timestamps",
          r"^timestamp data-t=.* is malformed|^timestamp anchor |^timestamp written twice|more (malformed data-t|unclosed anchors|broken anchors|duplicated values)$"),
    _kind("label-mismatch", "timestamp label unlike its time", "timestamp labels unlike their times",
          r"^timestamp label .* disagrees with data-t|with minutes written as hours|more (labels that disagree with data-t|minutes written as hours)$"),
    _kind("implausible-time", "time beyond any video", "times beyond any video", r"beyond any plausible video|more times over 24 h$"),
    _kind("structure", "note read unusually", "notes read unusually", r"^the whole note is inside a |^a second frontmatter block |^LaTeX "),
    _kind("video-id", "bad videoId", "bad videoIds", r"^videoId "),
    _kind("frontmatter", "frontmatter problem", "frontmatter problems", r"^frontmatter "),
    _kind("encoding", "encoding problem", "encoding problems", r"^not UTF-8 "),
    _kind("empty", "empty note", "empty notes", r"^empty note"),
    _kind("large", "large note", "large notes", r"^large note "),
    _kind("nesting", "note nested too deep", "notes nested too deep", r"nested too deep"),
    _kind("binary", "binary file", "binary files", r"^binary file"),
    _kind("unreadable", "unreadable file", "unreadable files", r"^cannot read|not a regular file|limit; not loaded$"),
    _kind("folder", "skipped folder", "skipped folders", r"^cannot (open|list) folder|symlink loop"),
    _kind("other", "other warning", "other warnings", None),
]
NAMES = [kind.name for kind in KINDS]
_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of(message: str) -> str:
    for kind in KINDS:
        if kind.pattern is None or kind.pattern.search(message):
            return kind.name
    raise AssertionError("the catch-all kind is last")  # pragma: no cover


def counts(kinds: Iterable[str]) -> dict[str, int]:
    """{kind: count} in the table's order, only kinds that occur."""
    seen = Counter(kinds)
    return {name: seen[name] for name in NAMES if seen[name]}


def summary(by_kind: dict[str, int]) -> str:
    """'2 unresolved links, 1 invalid timestamp'."""
    return ", ".join(_BY_NAME[name].count(n) for name, n in by_kind.items())
