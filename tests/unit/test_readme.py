"""The README says what the code does: its key table comes from the bindings, its commands are CI's."""

from __future__ import annotations

import re
from pathlib import Path

from shownotes.tui.keys import action_names_markdown, key_table_markdown

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


async def test_key_table_is_generated_from_the_bindings():
    table = re.search(r"<!-- keys:start -->\n(.*?)\n<!-- keys:end -->", README, re.DOTALL)
    assert table is not None, "README lost its key table markers"
    assert table.group(1) == await key_table_markdown(), (
        "README key table is stale: paste the output of `uv run python -m shownotes.tui.keys` between the markers"
    )


def test_the_action_names_for_keys_are_generated_from_the_bindings():
    names = re.search(r"<!-- actions:start -->\n(.*?)\n<!-- actions:end -->", README, re.DOTALL)
    assert names is not None, "README lost its action-name markers"
    assert names.group(1) == action_names_markdown(), (
        "README's [keys] action names are stale: paste the second part of `uv run python -m shownotes.tui.keys`"
    )


def test_the_two_commands_and_ci_run_the_readme_test_command():
    assert "uv run shownotes" in README and "uv run pytest" in README
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == "uv run pytest"


def test_readme_screenshot_is_the_current_snapshot():
    snapshot = REPO / "tests/tui/__snapshots__/test_snapshots/test_main_screen_on_the_seed.raw"
    screenshot = REPO / "tests/tui/screenshot.svg"
    assert "(tests/tui/screenshot.svg)" in README
    assert screenshot.read_bytes() == snapshot.read_bytes(), "copy the main-screen snapshot to tests/tui/screenshot.svg"
