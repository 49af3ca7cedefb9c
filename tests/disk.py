"""Writing a notes folder for a test (text as UTF-8 exactly as given, bytes as they are)."""

from __future__ import annotations

from pathlib import Path


def write_files(root: Path, files: dict[str, str] | dict[str, bytes] | dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root
