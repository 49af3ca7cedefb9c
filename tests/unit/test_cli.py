"""The command line: list, links, show and check, their JSON, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.clirun import GOOD, SEED_TITLE, assert_one_line_error, run

FIRST_URL = "https://www.youtube.com/watch?v=P6y0gr-W2-k&t=0s"
SEED_STEM = "000_02ee466525ab61b6"


def test_list_seeds_by_default(capsys) -> None:
    code, out, _err = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].startswith("redpointai")
    assert f"{SEED_TITLE}  10 sections, 75 timestamps  ({SEED_STEM}.txt)" in out


def test_list_json(capsys, write_tree) -> None:
    root = write_tree({"chan/a.md": GOOD, "chan/b.md": "# Loose\n"})
    code, out, _err = run(capsys, "list", str(root), "--json")
    assert code == 0
    data = json.loads(out)
    (channel,) = data["channels"]
    assert channel["channel"] == "chan"
    assert [(e["video_id"], [n["path"] for n in e["notes"]]) for e in channel["episodes"]] == [
        ("AAAAAAAAAAA", ["chan/a.md"]),
        (None, ["chan/b.md"]),
    ]
    assert channel["episodes"][0]["notes"][0]["timestamps"] == 1


@pytest.mark.parametrize("query", ["seed path", SEED_TITLE, SEED_STEM, SEED_TITLE.upper()])
def test_links_by_path_title_and_stem(capsys, seed_path: Path, query: str) -> None:
    code, out, _err = run(capsys, "links", str(seed_path) if query == "seed path" else query)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 75
    assert lines[0].split("\t")[:2] == ["00:00:00", FIRST_URL]
    assert all("\thttps://www.youtube.com/watch?v=P6y0gr-W2-k&t=" in line for line in lines)


def test_links_json(capsys) -> None:
    code, out, _err = run(capsys, "links", SEED_STEM, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["note"], data["video_id"], len(data["timestamps"])) == (SEED_TITLE, "P6y0gr-W2-k", 75)
    first = data["timestamps"][0]
    assert (first["url"], first["seconds"], first["time"]) == (FIRST_URL, 0, "00:00:00")
    assert first["context"].startswith("Unsupervised Learning")
    assert data["timestamps"][3]["section"] == "Model Evolution and Open Source"


def test_links_without_video_id_says_so(capsys, write_tree) -> None:
    root = write_tree({"n.md": "# No video\n\nText [00:01:00].\n"})
    code, out, err = run(capsys, "links", "n", str(root))
    assert code == 0
    assert out.split("\t")[:2] == ["00:01:00", "(no video)"]
    assert "no valid videoId" in err


def test_ambiguous_note_lists_candidates(capsys, write_tree) -> None:
    root = write_tree({"a/intro.md": GOOD, "b/intro.md": GOOD})
    code, out, err = run(capsys, "links", "intro", str(root))
    assert_one_line_error(code, out, err, "ambiguous", "a/intro.md", "b/intro.md")


ERROR_CASES = [
    ("list missing folder", ["list", "{missing}"], "no such file or folder"),
    ("check missing folder", ["check", "{missing}"], "no such file or folder"),
    ("links missing library", ["links", "x", "{missing}"], "no such file or folder"),
    ("show missing library", ["show", "x", "{missing}"], "no such file or folder"),
    ("links missing note file", ["links", "{missing}/n.md"], "no note matches"),
    ("links unknown note", ["links", "no such note"], "no note matches"),
    ("show unknown note", ["show", "no such note"], "no note matches"),
    ("show width zero", ["show", "x", "--width", "0"], "--width: must be 1 or more"),
    ("show width negative", ["show", "x", "--width", "-5"], "--width: must be 1 or more"),
    ("show width not a number", ["show", "x", "--width", "abc"], "--width: not a whole number: 'abc'"),
    ("search limit zero", ["search", "x", "--limit", "0"], "--limit: must be 1 or more"),
    ("search limit negative", ["search", "x", "--limit", "-1"], "--limit: must be 1 or more"),
    ("links without a note", ["links"], "the following arguments are required: note"),
    ("unknown option", ["list", "--jsn"], "unrecognized arguments: --jsn"),
]


@pytest.mark.parametrize(("argv", "message"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_errors_are_one_line(capsys, tmp_path: Path, argv: list[str], message: str) -> None:
    missing = str(tmp_path / "absent")
    code, out, err = run(capsys, *(arg.replace("{missing}", missing) for arg in argv))
    assert_one_line_error(code, out, err, message)


def test_show_prints_plain_repaired_text(capsys) -> None:
    code, out, _err = run(capsys, "show", SEED_STEM, "--width", "80")
    assert code == 0
    assert '"GPT rappers" — companies' in " ".join(out.split())
    assert "â€" not in out
    assert "\x1b" not in out
    assert "[[" not in out and "<a class=" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


CHECK_CASES = [
    ("clean library", {"a.md": GOOD}, 0, []),
    ("warnings only", {"a.md": GOOD, "b.md": "", "c.md": "See [[nowhere]].\n"}, 0,
     ["b.md: empty note", "c.md: unresolved link [[nowhere]]"]),
    ("an unreadable file", {"a.md": GOOD, "bin.md": b"\x00\x01binary" * 100}, 1, ["bin.md: binary file"]),
]


@pytest.mark.parametrize(("files", "status", "lines"), [c[1:] for c in CHECK_CASES], ids=[c[0] for c in CHECK_CASES])
def test_check(capsys, write_tree, files: dict, status: int, lines: list[str]) -> None:
    root = write_tree(files)
    code, out, err = run(capsys, "check", str(root))
    assert code == status
    assert [line[: len(expected)] for line, expected in zip(out.splitlines(), lines)] == lines
    assert len(out.splitlines()) == len(lines)
    assert "warning" in err
    code, out, _err = run(capsys, "check", str(root), "--json")
    assert code == status
    fatal = [row["fatal"] for row in json.loads(out)["warnings"]]
    assert fatal == [status == 1 and index == 0 for index in range(len(lines))]


SUBPROCESS_CASES = [
    ("links", ["links", SEED_STEM], lambda out: out.splitlines()[0].split("\t")[1] == FIRST_URL
     and len(out.splitlines()) == 75),
    ("show", ["show", SEED_STEM], lambda out: "—" in out and "â€" not in out and "\x1b" not in out),
]


@pytest.mark.parametrize(("argv", "check"), [c[1:] for c in SUBPROCESS_CASES], ids=[c[0] for c in SUBPROCESS_CASES])
def test_module_entry_point(argv: list[str], check) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shownotes", *argv], capture_output=True, encoding="utf-8", timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert check(done.stdout)
