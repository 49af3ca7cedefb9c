"""The Timestamps pane shows a timestamp as the reader does (one format), with the label's own time
beside it when the note's label says another time than the link seeks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..disk import write_files
from .test_library_upkeep import shown


def anchor(data_t: str, label: str) -> str:
    return f'<a class="yt-timestamp" data-t="{data_t}">{label}</a>'


# (id, the timestamp as the note writes it, the pane's time row, the reader's text)
CASES = [
    ("H:MM:SS label", anchor("1:28:59", "[1:28:59]"), "▶ 01:28:59  Talk", "▶\u00a001:28:59"),
    ("MM:SS label", anchor("12:34", "[12:34]"), "▶ 00:12:34  Talk", "▶\u00a000:12:34"),
    ("label two minutes off data-t", anchor("00:05:11", "[00:07:11]"), "▶ 00:05:11 [label 00:07:11]  Talk", "▶\u00a000:05:11"),
    ("minutes written as hours", anchor("11:00:00", "[0:11:00]"), "▶ 00:11:00  Talk", "▶\u00a000:11:00"),
    ("[[t]]", "[[00:12:45]]", "▶ 00:12:45  Talk", "▶\u00a000:12:45"),
    ("[t](<a…>[t]</a>", f"[00:00:18]({anchor('00:00:18', '[00:00:18]')}", "▶ 00:00:18  Talk", "▶\u00a000:00:18"),
    ("unclosed anchor", '<a class="yt-timestamp" data-t="01:10:22">', "▶ 01:10:22  Talk", "▶\u00a001:10:22"),
]


@pytest.mark.parametrize(("written", "row", "text"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_the_pane_shows_the_time_the_reader_shows(app_factory, tmp_path: Path, written: str, row: str, text: str) -> None:
    root = write_files(tmp_path / "library", {"a.md": f"---\ntitle: A\nvideoId: AAAAAAAAAAA\n---\n## Talk\n\nSaid {written} here.\n"})
    app = app_factory(root)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        panel = app.panel
        assert len(panel.stamps) == 1
        rows = ["".join(segment.text for segment in panel.render_line(y)).rstrip() for y in range(2)]
        assert rows == [row, "  Said"]
        assert f"Said {text} here." in shown(app)
