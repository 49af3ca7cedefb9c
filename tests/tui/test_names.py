"""Names that differ only by what the display hides (zero-width space, bidi isolates as in the real
`⁨cleoabram⁩` folder, a newline) are different notes: each has its own sidebar row and opens its own
body. Identity is the real path; sanitising is for display only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..disk import write_files
from ..waiting import wait_for

NAMES = {  # the real name -> the title its note has
    "a.md": "Plain a",
    "a\u200b.md": "Zero-width a",
    "\u2068a\u2069.md": "Isolated a",
    "a\n.md": "Newline a",
    "chan/n.md": "In chan",
    "chan\u200b/n.md": "In chan with zero width",
    "\u2068chan\u2069/n.md": "In isolated chan",
}


def body(title: str) -> str:
    return f"---\ntitle: {title}\n---\nThe body of {title}.\n"


def sidebar_notes(app) -> dict[str, str]:
    """Every note row of the sidebar (channels and episodes expanded): rel -> its label."""
    found: dict[str, str] = {}
    pending = list(app.sidebar.root.children)
    while pending:
        node = pending.pop()
        if node.data.kind == "note":
            found[node.data.rel] = node.label.plain
        elif node.allow_expand:
            node.expand()
            pending.extend(node.children)
    return found


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_files(tmp_path / "library", {name: body(title) for name, title in NAMES.items()})


async def test_each_name_is_its_own_row_and_opens_its_own_body(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        rows: dict[str, str] = {}

        def every_row() -> bool:  # each call expands what the last one found
            rows.update(sidebar_notes(app))
            return len(rows) == len(NAMES)

        await wait_for(pilot, every_row, "a row for every note")
        assert sorted(label.split("  ")[0] for label in rows.values()) == sorted(NAMES.values())
        for rel in rows:
            node = app.sidebar.note_node(rel)
            app.sidebar.select_node(node)
            note = app.library.note(rel)
            await wait_for(pilot, lambda rel=rel: app.view is not None and app.view.note.rel == rel, f"{rel!r} open")
            assert f"The body of {note.title}." in app.view.note.text
            assert os.path.exists(note.file) and Path(note.file).read_text(encoding="utf-8") == body(note.title)
