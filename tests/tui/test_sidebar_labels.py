"""Sidebar labels on a library shaped like the real one: its own pages first, the channel's index page
first among its notes, single-note episodes by their video's title, long titles ending with `…`."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from ..conftest import palette_settled
from ..disk import write_files

V1, V2 = "AAAAAAAAAAA", "BBBBBBBBBBB"
LONG = "A very long note title that goes on and on about sleep, light, caffeine and the morning routine"


def note(title: str, video: str | None = None) -> str:
    video_line = f"videoId: {video}\n" if video else ""
    return f"---\ntitle: {title}\n{video_line}---\nBody [00:00:01].\n"


FILES = {
    "index.md": "# Library index\n",
    "directory.md": "# Directory\n",
    "chan/chan.md": (
        "---\ntitle: chan\n---\n"
        f"### [What Alcohol Does to Your Body](https://www.youtube.com/watch?v={V1})\n- [[alcohol]]\n\n"
        f"### [Sleep Toolkit](https://www.youtube.com/watch?v={V2})\n- [[sleep_one]]\n- [[sleep_two]]\n"
    ),
    "chan/alcohol.md": note("Alcohol and the liver", V1),
    "chan/sleep_one.md": note("Sleep one", V2),
    "chan/sleep_two.md": note(LONG, V2),
}


def labels(nodes) -> list[str]:
    return [str(node.label.plain if hasattr(node.label, "plain") else node.label) for node in nodes]


async def test_sidebar_labels(app_factory, tmp_path: Path) -> None:
    root = write_files(tmp_path / "library", FILES)
    app = app_factory(root)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        sidebar = app.sidebar
        channels = sidebar.root.children
        assert labels(channels) == ["Library pages  2 notes", "chan  4 notes"]
        channels[1].expand()
        await pilot.pause()
        children = channels[1].children
        assert [node.data.rel for node in children[:2]] == ["chan/chan.md", "chan/alcohol.md"]
        assert labels(children)[1].startswith("What Alcohol Does to Your Body  Alcohol and the liver")
        assert labels(children)[2].startswith("Sleep Toolkit  2 notes")
        children[2].expand()
        await pilot.pause()
        long_node = next(node for node in children[2].children if node.data.rel == "chan/sleep_two.md")
        shown = sidebar.render_label(long_node, Style(), Style())
        width = sidebar.scrollable_content_region.width
        assert shown.plain.endswith("…") and shown.cell_len <= width - 2 * sidebar.guide_depth
        assert shown.plain.startswith(LONG[:20])


async def test_palette_finds_an_episode_by_its_videos_title(app_factory, tmp_path: Path) -> None:
    root = write_files(tmp_path / "library", FILES)
    app = app_factory(root)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"what alcohol does")
        await palette_settled(pilot)
        prompts = [str(option.prompt) for option in app.screen.query_one("OptionList").options]
        assert prompts[0].startswith("Go to episode: What Alcohol Does to Your Body"), prompts
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.note.rel == "chan/alcohol.md"
