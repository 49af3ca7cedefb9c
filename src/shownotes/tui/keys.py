"""The README's key table, read from the bindings of a running app: what the help screen shows."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from .screens.help import binding_rows

# Where the README's table looks: (group, how to get there); each group lists the keys the help
# screen shows there. The search box's and the find bar's own keys only: their editing keys are any Input's.
TOUR = (
    ("Reader", "focus #reader", None),
    ("Player (from every pane)", "focus #reader", "Player"),
    ("Timestamps", "focus #timestamps", None),
    ("Library (sidebar)", "focus #sidebar", None),
    ("Find bar (ctrl+f)", "find", "Find"),
    ("Search", "search", None),
    ("Search results", "focus #search-hits", None),
)
COMMAND_PALETTE_ACTION = "command_palette"


async def key_table_markdown() -> str:
    """The README's key table, read from the bindings active in each pane of a running app (headless,
    on the bundled seeds), exactly as the help screen lists them; a test keeps the README in step."""
    import tempfile

    from ..core.catalog import Catalog
    from ..core.config import Config
    from ..core.library import Library
    from ..core.state import State
    from .app import make_app

    lines = ["| Where | Keys | Action |", "| --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as home:
        app = make_app(Catalog(Library.open()), state=State(), state_file=Path(home) / "state.json", config=Config(player="mpv"), background=False)
        palette = app.COMMAND_PALETTE_BINDING
        lines.append(f"| Everywhere | `{palette}` | Command palette: go to a note, a section, a bookmark; copy a timestamp; themes |")
        everywhere: list[tuple[str, str, str]] = []
        async with app.run_test() as pilot:
            await pilot.pause()
            for group, step, pane in TOUR:
                verb, _, target = step.partition(" ")
                if verb == "search":
                    app.action_search()
                elif verb == "find":
                    app.action_find()
                else:
                    app.screen.set_focus(app.screen.query_one(target))
                await pilot.pause()
                focused = app.focused
                name = pane or getattr(focused, "PANE_NAME", None)
                screen = getattr(app.screen, "BINDINGS", []) if verb == "search" else []  # the bar lives on the main screen
                own = {b.description for b in [*screen, *getattr(focused, "BINDINGS", [])] if isinstance(b, Binding)}
                active = {key: bound for key, bound in app.screen.active_bindings.items() if bound.binding.action != COMMAND_PALETTE_ACTION}
                for where, keys, description in binding_rows(app, active):
                    if where == "Everywhere":
                        if verb != "find" and (keys, description) not in [(k, d) for _w, k, d in everywhere]:
                            everywhere.append((where, keys, description))
                    elif where == name and (verb not in ("search", "find") or description in own):
                        lines.append(f"| {group} | {_keys(keys)} | {description} |")
    return "\n".join(lines[:3] + [f"| Everywhere | {_keys(k)} | {d} |" for _w, k, d in everywhere] + lines[3:])


def action_names_markdown() -> str:
    """The README's list of the names `[keys]` takes, with their default keys as the config writes them."""
    from textual.keys import format_key

    from .keymap import SPECIAL_KEYS, bound_keys

    names: dict[str, tuple[str, list[str]]] = {}
    for row in bound_keys():
        if row.name and row.scope[0] == "app":
            description, keys = names.setdefault(row.name, (row.description, []))
            written = format_key(row.key) if "+" not in row.key and row.key not in SPECIAL_KEYS else row.key
            key = written if len(written) == 1 and written.isprintable() and not written.isspace() else row.key
            if key not in keys:
                keys.append(key)
    lines = ["| Name | Default keys | Action |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {' '.join(f'`{key}`' for key in keys)} | {description} |" for name, (description, keys) in names.items()]
    return "\n".join(lines)


def _keys(shown: str) -> str:
    return " / ".join(f"`{key}`" for key in shown.split(" / "))


if __name__ == "__main__":  # uv run python -m shownotes.tui.keys: the table to paste in the README
    import asyncio

    print(asyncio.run(key_table_markdown()))
    print("\n<!-- the action names for [keys], between <!-- actions:start --> and <!-- actions:end --> -->\n")
    print(action_names_markdown())
