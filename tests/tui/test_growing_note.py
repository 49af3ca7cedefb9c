"""A note that grows while it is open (a sync tool writing it in pieces): the reader follows to its new end."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..disk import write_files
from ..waiting import wait_for

SIZE = (100, 30)


@pytest.mark.parametrize("filler", [0, 300_000], ids=["small", "heavy, parsed off the UI thread"])
async def test_g_reaches_the_end_of_a_note_that_grew(app_factory, tmp_path: Path, filler: int) -> None:
    start = "# Growing\n\n" + "".join(f"Line {n} [00:{n:02d}:00].\n\n" for n in range(5))
    root = write_files(tmp_path / "lib", {"grow.md": start + ("Filler words here. " * (filler // 19)) + "\n\n"})
    app = app_factory(root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path = root / "grow.md"
        for piece in range(3):  # written in three pieces, each read as it lands
            with path.open("a", encoding="utf-8") as handle:
                handle.write("".join(f"More {piece}.{n} [01:{n:02d}:00].\n\n" for n in range(40)))
            app.files_changed({(2, str(path))})
            await wait_for(pilot, lambda piece=piece: app.view is not None and f"More {piece}.39" in app.view.note.text, "the piece")
        await wait_for(pilot, lambda: len(app.panel.stamps) == 5 + 3 * 40, "every timestamp")
        await pilot.press("G")
        await pilot.pause()
        assert len(app.panel.stamps) == 5 + 3 * 40
        layout = app.reader.text_layout
        bottom = app.reader.top_line + app.reader.scrollable_content_region.height
        assert layout.complete and bottom >= layout.height - 1
        assert "More 2.39" in "\n".join(layout.text(y) for y in range(app.reader.top_line, layout.height))
