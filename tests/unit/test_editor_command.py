"""The editor's command line: $VISUAL over $EDITOR, split like a shell would, the line as each editor takes it."""

from __future__ import annotations

import pytest

from shownotes.core.editor import NoEditor, editor_argv

PATH = "/notes/pod/a b.md"
# (id, environment, line, argument list or the NoEditor message)
CASES = [
    ("vi takes +N", {"EDITOR": "vi"}, 12, ["vi", "+12", PATH]),
    ("a path to nvim", {"EDITOR": "/usr/bin/nvim"}, 3, ["/usr/bin/nvim", "+3", PATH]),
    ("VISUAL wins over EDITOR", {"VISUAL": "nano", "EDITOR": "vi"}, 5, ["nano", "+5", PATH]),
    ("an empty VISUAL is skipped", {"VISUAL": "  ", "EDITOR": "emacs -nw"}, 5, ["emacs", "-nw", "+5", PATH]),
    ("arguments are split, never a shell", {"EDITOR": "vim -u 'my vimrc'"}, 1, ["vim", "-u", "my vimrc", "+1", PATH]),
    ("shell syntax stays words", {"EDITOR": "vi; rm -rf ~"}, 1, ["vi;", "rm", "-rf", "~", PATH]),
    ("helix takes path:line", {"EDITOR": "hx"}, 7, ["hx", f"{PATH}:7"]),
    ("code takes --goto", {"VISUAL": "code --wait"}, 7, ["code", "--wait", "--goto", f"{PATH}:7"]),
    ("an unknown editor gets the path only", {"EDITOR": "myeditor"}, 7, ["myeditor", PATH]),
    ("line 0 is line 1", {"EDITOR": "vi"}, 0, ["vi", "+1", PATH]),
    ("none set", {}, 1, "no editor: set $VISUAL or $EDITOR"),
    ("only blanks", {"VISUAL": "", "EDITOR": " "}, 1, "no editor: set $VISUAL or $EDITOR"),
    ("an unclosed quote", {"EDITOR": "vim '"}, 1, "$EDITOR cannot be read as a command (No closing quotation)"),
]


@pytest.mark.parametrize(("environ", "line", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_editor_argv(environ: dict[str, str], line: int, expected: list[str] | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(NoEditor, match=expected.replace("$", r"\$").replace("(", r"\(").replace(")", r"\)")):
            editor_argv(PATH, line, environ)
    else:
        assert editor_argv(PATH, line, environ) == expected
