"""The config's `[keys]` applied: the app's bindings described for core.keymap, which checks the
table, and the sound entries handed to Textual's keymap (App.set_keymap, by Binding id), so the
footer and the help screen show the user's keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import Keys, key_to_character
from textual.screen import Screen

from ..core.keymap import Bound, Keymap, Scope, resolve
from .bindings import APP_BINDINGS
from .desk import Desk
from .panes.findbar import FindInput
from .panes.reader import Reader
from .panes.sidebar import Sidebar
from .panes.timestamps import TimestampPanel
from .screens.search import HitList, SearchInput, SearchScreen

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
SPECIAL_KEYS = frozenset(key.value for key in Keys)

# Where each class's keys work: the app's in every pane; the desk's in its panes; the search
# screen is modal, so the app's keys are not live there.
SCOPES: tuple[tuple[Scope, tuple[type, ...]], ...] = (
    (("app",), (App, Screen)),
    (("app", "main"), (Desk,)),
    (("app", "main", "reader"), (Reader,)),
    (("app", "main", "timestamps"), (TimestampPanel,)),
    (("app", "main", "sidebar"), (Sidebar,)),
    (("app", "main", "find"), (FindInput,)),
    (("search",), (SearchScreen,)),
    (("search", "box"), (SearchInput,)),
    (("search", "results"), (HitList,)),
)


def class_bindings(cls: type) -> list[Binding]:
    """Every binding a class declares or inherits (a subclass's may shadow its base's on the same key)."""
    declared: list[BindingType] = []
    for klass in reversed(cls.__mro__):
        declared.extend(vars(klass).get("BINDINGS", []))
    return list(Binding.make_bindings(declared))


def bound_keys(app_bindings: Iterable[BindingType] = APP_BINDINGS, palette_key: str = App.COMMAND_PALETTE_BINDING) -> list[Bound]:
    """The keys the app binds, where they work, and the name `[keys]` knows each one by (its Binding id)."""
    rows = [Bound(("app",), key, "Command palette") for key in palette_key.split(",")]
    for scope, classes in SCOPES:
        bindings = [binding for cls in classes for binding in class_bindings(cls)]
        if scope == ("app",):
            bindings += Binding.make_bindings(app_bindings)
        rows += [Bound(scope, b.key, b.description or b.action, b.id) for b in bindings]
    return rows


def key_name(key: str) -> str | None:
    """The name Textual gives a key as the user wrote it ("?" -> question_mark), None if it is no key."""
    if not key or any(char.isspace() for char in key):
        return None
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    if not base or any(modifier not in MODIFIERS for modifier in modifiers):
        return None
    if base == ",":
        base = "comma"  # a Binding's key string is split at commas
    elif len(base) == 1:
        base = next(iter(Binding.make_bindings([Binding(base, "")]))).key
    elif base not in SPECIAL_KEYS and key_to_character(base) is None:
        return None
    return "+".join([*modifiers, base])


def apply_keys(app: App, table: dict[str, list[str]]) -> Keymap:
    """Check the config's `[keys]` and give Textual the entries that are sound; the warnings are returned."""
    keymap = resolve(table, bound_keys(getattr(app, "BINDINGS", APP_BINDINGS), app.COMMAND_PALETTE_BINDING), key_name)
    if keymap.keys:
        app.set_keymap({name: ",".join(keys) for name, keys in keymap.keys.items()})
    return keymap
