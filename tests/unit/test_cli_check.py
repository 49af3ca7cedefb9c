"""`shownotes check`: every warning has a kind, the summary counts them by kind, --kind filters."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from shownotes.cli_kinds import kind_of
from tests.unit.clirun import GOOD, assert_one_line_error, run

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# (a message as the library, the parser or check writes it, its kind)
KIND_CASES = [
    ("unresolved link [[nowhere]]", "unresolved-link"),
    ("timestamp [99:99] has no valid time (data-t='99:99'); shown as text", "invalid-timestamp"),
    ("timestamp data-t='x' is malformed; seeking to its label [00:01:00]", "malformed-timestamp"),
    ("timestamp anchor data-t='00:01:10' is not closed with </a>", "malformed-timestamp"),
    ("… and 4 more unclosed anchors", "malformed-timestamp"),
    ("timestamp label [00:07:11] disagrees with data-t='00:05:11'; seeking to data-t, the label shown beside it",
     "label-mismatch"),
    ("timestamp data-t='11:00:00' is its label [0:11:00] with minutes written as hours; seeking to [0:11:00]",
     "label-mismatch"),
    ("… and 3 more labels that disagree with data-t", "label-mismatch"),
    ("timestamp [59:58:00] is beyond any plausible video (over 24 h)", "implausible-time"),
    ("… and 12 more times over 24 h", "implausible-time"),
    ("the whole note is inside a ```markdown fence; its inside is read as the note", "structure"),
    ("a second frontmatter block opens the note; read as metadata, not shown", "structure"),
    ("LaTeX '\\frac{a' could not be converted; shown as source", "structure"),
    ("videoId 'nope' is not a YouTube id; no deep links", "video-id"),
    ("frontmatter is not closed with '---'; read as text", "frontmatter"),
    ("frontmatter is not valid YAML (mapping values are not allowed here)", "frontmatter"),
    ("frontmatter title is a list, not text; ignored", "frontmatter"),
    ("not UTF-8 on 2 line(s) (3, 4); read as Windows-1252", "encoding"),
    ("empty note", "empty"),
    ("large note (1.2 MB)", "large"),
    ("lists or quotes nested too deep; the innermost are shown as plain text", "nesting"),
    ("binary file; not a note", "binary"),
    ("cannot read: Permission denied", "unreadable"),
    ("not a regular file (a pipe, device or folder); not read", "unreadable"),
    ("12.0 MB is over the 8 MB limit; not loaded", "unreadable"),
    ("cannot list folder: Permission denied", "folder"),
    ("folder seen twice (symlink loop?); skipped", "folder"),
    ("something new", "other"),
]


@pytest.mark.parametrize(("message", "kind"), KIND_CASES)
def test_kind_of(message: str, kind: str) -> None:
    assert kind_of(message) == kind


MIXED = {
    "a.md": GOOD,
    "b.md": "See [[nowhere]] and [[elsewhere]].\n",
    "c.md": '<a class="yt-timestamp" data-t="99:99:99">[99:99:99]</a> text\n',
    "d.md": "",
    "e.md": b"\x00\x01binary" * 100,
}
# (id, extra arguments, stdout lines as path and kind, the summary on stderr, exit status); e.md is no note
CHECK_CASES = [
    ("everything", [], ["d.md empty", "e.md binary", "b.md unresolved-link", "b.md unresolved-link",
                        "c.md invalid-timestamp"],
     "4 notes, 5 warnings: 2 unresolved links, 1 invalid timestamp, 1 empty note, 1 binary file", 1),
    ("one kind", ["--kind", "unresolved-link"], ["b.md unresolved-link", "b.md unresolved-link"],
     "4 notes, 2 warnings: 2 unresolved links", 0),
    ("two kinds", ["--kind", "binary", "--kind", "empty"], ["d.md empty", "e.md binary"],
     "4 notes, 2 warnings: 1 empty note, 1 binary file", 1),
    ("a kind with none", ["--kind", "encoding"], [], "4 notes, 0 warnings", 0),
]


@pytest.mark.parametrize(("extra", "lines", "summary", "status"), [c[1:] for c in CHECK_CASES],
                         ids=[c[0] for c in CHECK_CASES])
def test_check_summary_and_kinds(capsys, write_tree, extra, lines, summary, status) -> None:
    root = write_tree(MIXED)
    code, out, err = run(capsys, "check", str(root), *extra)
    assert code == status
    assert [f"{line.split(':')[0]} {kind_of(line.split(': ', 1)[1])}" for line in out.splitlines()] == lines
    assert err == summary + "\n"
    code, out, _err = run(capsys, "check", str(root), *extra, "--json")
    data = json.loads(out)
    assert code == status
    assert [f"{row['path']} {row['kind']}" for row in data["warnings"]] == lines
    assert data["summary"] == Counter(line.split()[1] for line in lines)


def test_an_unknown_kind_is_a_one_line_error(capsys) -> None:
    code, out, err = run(capsys, "check", "--kind", "typo")
    assert_one_line_error(code, out, err, "--kind: invalid choice: 'typo'")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")
def test_every_warning_of_the_real_corpus_has_a_kind(capsys) -> None:
    code, out, _err = run(capsys, "check", str(CORPUS), "--json")
    data = json.loads(out)
    assert code == 0 and data["notes"] >= 497
    assert data["warnings"] and "other" not in data["summary"]
    assert sum(data["summary"].values()) == len(data["warnings"])
