"""The `[keys]` table of the config: action name -> keys, checked against the keys already bound.

Pure data in, pure data out: the app describes its bindings as `Bound` rows (where each key works,
which action it is, whether the user may rebind it) and says which key names are real keys; this
module finds unknown actions, malformed values and clashes, and keeps every entry that is sound.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

Scope = tuple[str, ...]  # the path from the app to where a key works: ("app",), ("app", "main", "reader")


def action_name(description: str) -> str:
    """The name a user gives a binding in `[keys]`: its description in snake case ("Open video" -> open_video)."""
    return re.sub(r"[^a-z0-9]+", "_", description.lower()).strip("_")


@dataclass(frozen=True)
class Bound:
    scope: Scope
    key: str  # the key as the app names it ("question_mark", "ctrl+b")
    description: str
    name: str | None = None  # None: built in, the user cannot rebind it


def overlaps(a: Scope, b: Scope) -> bool:
    """Both keys can be live at once: one scope is inside the other (the app's keys work in every pane)."""
    return a[: len(b)] == b or b[: len(a)] == a


def parse_keys_table(value: object) -> tuple[dict[str, list[str]], list[str]]:
    """The `[keys]` table as TOML gave it: action -> key strings. A value is a key or a list of keys
    (never split at commas: "," is a key); anything else is a warning and that entry is left out."""
    if value is None:
        return {}, []
    if not isinstance(value, dict):
        return {}, ["config keys must be a table of action = key(s), e.g. [keys] copy_link = \"y\"; ignored"]
    table: dict[str, list[str]] = {}
    warnings: list[str] = []
    for name, keys in value.items():
        if isinstance(keys, str):
            keys = [keys]
        if isinstance(keys, list) and keys and all(isinstance(key, str) and key.strip() for key in keys):
            table[name] = [key.strip() for key in keys]
        else:
            warnings.append(f"config keys.{name} must be a key or a list of keys, e.g. \"y\" or [\"o\", \"v\"]; ignored")
    return table, warnings


@dataclass
class Keymap:
    keys: dict[str, tuple[str, ...]]  # action name -> the keys that replace its defaults
    warnings: list[str]


def resolve(table: Mapping[str, Sequence[str]], bound: Sequence[Bound], key_name: Callable[[str], str | None]) -> Keymap:
    """The entries of `table` that can be applied, and a warning for each problem.

    `key_name` gives the app's name for a key the user wrote ("?" -> "question_mark"), None for no key.
    A key that clashes (given to two actions that can be live at once, or already bound there to
    an action the table leaves alone) is dropped; an entry left with no key keeps its defaults."""
    names = {row.name for row in bound if row.name}
    scopes: dict[str, set[Scope]] = {}
    for row in bound:
        if row.name:
            scopes.setdefault(row.name, set()).add(row.scope)
    warnings: list[str] = []
    wanted: dict[str, list[str]] = {}
    for name, raw in table.items():
        if name not in names:
            close = get_close_matches(name, sorted(names), n=1)
            hint = f" (did you mean {close[0]}?)" if close else " (the README lists the action names)"
            warnings.append(f"config keys: unknown action {name!r}{hint}; ignored")
            continue
        keys: list[str] = []
        for key in raw:
            named = key_name(key)
            if named is None:
                warnings.append(f"config keys.{name}: {key!r} is not a key; ignored")
            elif named not in keys:
                keys.append(named)
        if keys:
            wanted[name] = keys
    while True:
        kept, problems = _without_clashes(wanted, bound, scopes)
        warnings.extend(problem for problem in problems if problem not in warnings)
        emptied = [name for name in wanted if not kept[name]]
        if not emptied:
            return Keymap({name: tuple(keys) for name, keys in kept.items()}, warnings)
        for name in emptied:  # its defaults come back: check the rest again against them
            defaults = ", ".join(dict.fromkeys(row.key for row in bound if row.name == name)) or "none"
            warnings.append(f"config keys.{name}: no key left; it keeps its default keys ({defaults})")
        wanted = {name: keys for name, keys in kept.items() if keys}  # a key dropped once stays dropped


def _without_clashes(
    wanted: dict[str, list[str]], bound: Sequence[Bound], scopes: dict[str, set[Scope]]
) -> tuple[dict[str, list[str]], list[str]]:
    def live_together(a: str, b_scopes: set[Scope]) -> bool:
        return any(overlaps(x, y) for x in scopes[a] for y in b_scopes)

    problems: list[str] = []
    dropped: set[tuple[str, str]] = set()
    names = list(wanted)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            for key in set(wanted[first]) & set(wanted[second]):
                if live_together(first, scopes[second]):
                    problems.append(f"config keys: {key!r} is given to both {first} and {second}; ignored for both")
                    dropped |= {(first, key), (second, key)}
    staying = [row for row in bound if row.name not in wanted]  # the table replaces the defaults of what it names
    for name in names:
        for key in wanted[name]:
            for row in staying:
                if row.key == key and live_together(name, {row.scope}):
                    what = row.name or row.description or "a built-in key"
                    problems.append(f"config keys.{name}: {key!r} is already the key for {what!r}; ignored")
                    dropped.add((name, key))
                    break
    return {name: [key for key in wanted[name] if (name, key) not in dropped] for name in names}, problems
