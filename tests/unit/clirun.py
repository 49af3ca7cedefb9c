"""Running the command line in-process, and what every error of it looks like."""

from __future__ import annotations

from shownotes.cli import main

SEED_TITLE = "AI infrastructure and tooling"
GOOD = "---\ntitle: Good\nvideoId: AAAAAAAAAAA\n---\n# Good\n\nText [00:00:05].\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == 2
    assert out == ""
    assert err.startswith("shownotes: ") and err.count("\n") == 1
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
