"""The built wheel works on its own: installed in a fresh venv, `shownotes list` shows the bundled seed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def uv(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("uv")
    assert executable is not None, "uv is needed to build and install the wheel"
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")}
    done = subprocess.run(
        [executable, *args], cwd=cwd, env=env, capture_output=True, encoding="utf-8", timeout=600, check=False
    )
    assert done.returncode == 0, f"uv {' '.join(args)} failed:\n{done.stderr}"
    return done


@pytest.mark.slow
def test_wheel_lists_the_bundled_seed(tmp_path: Path) -> None:
    dist, venv, elsewhere = tmp_path / "dist", tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    uv("build", "--wheel", "--out-dir", str(dist), str(REPO), cwd=REPO)
    (wheel,) = dist.glob("shownotes-*.whl")
    uv("venv", "--quiet", str(venv), cwd=elsewhere)
    python = venv / "bin" / "python"
    uv("pip", "install", "--quiet", "--python", str(python), str(wheel), cwd=elsewhere)
    script = venv / "bin" / "shownotes"

    listing = subprocess.run([str(script), "list"], cwd=elsewhere, capture_output=True, encoding="utf-8",
                             timeout=120, check=False)
    assert listing.returncode == 0, listing.stderr
    assert "AI infrastructure and tooling" in listing.stdout
    assert "75 timestamps" in listing.stdout

    as_json = subprocess.run([str(script), "list", "--json"], cwd=elsewhere, capture_output=True,
                             encoding="utf-8", timeout=120, check=False)
    assert as_json.returncode == 0, as_json.stderr
    library = Path(json.loads(as_json.stdout)["library"]).resolve()
    assert library.is_relative_to(venv.resolve()), "the seed must come from the installed wheel, not the checkout"
