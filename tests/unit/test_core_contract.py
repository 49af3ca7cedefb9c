"""The import contract: the core (and the renderer) work where textual cannot be imported."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import shownotes.core

CORE = Path(shownotes.core.__file__).resolve().parent

BLOCKED_IMPORT = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys

    class NoTextual(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "textual" or name.startswith("textual."):
                raise ImportError(f"textual is blocked: {name}")
            return None

    sys.meta_path.insert(0, NoTextual())
    try:
        import textual
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker let textual through")

    import shownotes.core, shownotes.render
    for package in (shownotes.core, shownotes.render):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    import shownotes.core.player
    for name in ("command", "events", "ipc", "media", "mpv", "runtime", "session", "timeline"):
        assert f"shownotes.core.player.{name}" in sys.modules, name
    from shownotes.core import Library
    note = Library.open().notes[0]
    assert len(note.parse().outline.timestamps) == 75
    loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
    assert not loaded, loaded
    print("core ok")
    """
)


def test_core_imports_without_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT], capture_output=True, encoding="utf-8", timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "core ok"


def imported_modules(path: Path, package: str) -> set[str]:
    """Absolute names of every module a file imports, relative imports resolved against its package."""
    names: set[str] = set()
    parts = package.split(".")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            names.add(".".join([*base, *([node.module] if node.module else [])]))
    return names


def forbidden(names: set[str]) -> set[str]:
    return {n for n in names if n.split(".")[0] == "textual" or n.startswith("shownotes.tui")}


CORE_FILES = sorted(CORE.rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=[str(p.relative_to(CORE)) for p in CORE_FILES])
def test_no_core_module_imports_textual(path: Path) -> None:
    package = ".".join(["shownotes", "core", *path.relative_to(CORE).parent.parts])
    assert forbidden(imported_modules(path, package)) == set()


def test_the_import_scan_finds_textual(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nimport textual.widgets as w\nfrom textual.app import App\nfrom ..tui import app\n"
        "from . import note\n",
        encoding="utf-8",
    )
    names = imported_modules(sample, "shownotes.core")
    assert forbidden(names) == {"textual.widgets", "textual.app", "shownotes.tui"}
    assert "shownotes.core" in names and "os" in names
