"""The hostile library, written by the tests themselves (no real user data).

`write_terminal_set` writes notes that try to drive the terminal from every place a note's text is
shown; `write_broken_set` writes files that try to crash, hang or exhaust the reader; `write_heavy_set`
writes the few large ones. Every payload carries a marker (PWNED-...) that must never reach a title,
a clipboard or a screen as anything but visible text.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
TITLE_MARK = "PWNED-TITLE"
CLIP_MARK = "PWNED-CLIP"
CLIP_B64 = base64.b64encode(CLIP_MARK.encode()).decode()

OSC_TITLE = f"{ESC}]2;{TITLE_MARK}{BEL}"
OSC_TITLE_ST = f"{ESC}]0;{TITLE_MARK}{ST}"
OSC_CLIPBOARD = f"{ESC}]52;c;{CLIP_B64}{BEL}"
OSC_LINK = f"{ESC}]8;;file:///etc/passwd{ST}click me{ESC}]8;;{ST}"
CSI = f"{ESC}[2J{ESC}[H{ESC}[31m{ESC}[5;5H{ESC}[?1049l"
C1 = "\x9b2J\x9d2;PWNED-C1\x9c\x85\x90q\x9c"
OTHER_C0 = "".join(chr(code) for code in (1, 2, 3, 4, 5, 6, 8, 11, 12, 14, 15, 16, 26, 27, 28, 31))
BIDI = "\u202eevil\u202c \u202aemb\u202c \u202bemb\u202c \u202dover\u202c \u2066lri\u2069 \u2067rli\u2069 \u2068fsi\u2069"
ZERO_WIDTH = "ze\u200bro\u200cwi\u200ddth\u2060\ufeff\u180e" + "\u3164" * 20 + "\uffa0" * 20 + "hidden?"
ESCAPES = CSI + OSC_TITLE + OSC_TITLE_ST + OSC_CLIPBOARD + OSC_LINK + C1 + "\x7f" + OTHER_C0
PAYLOAD = ESCAPES + BIDI + ZERO_WIDTH  # as raw characters, wherever a note can hold them
# Without brackets, for wiki links and anchor labels: reset (RIS), screen fill (DECALN), C1 OSC and CSI.
BARE = f"{ESC}c{ESC}#8\x9d2;{TITLE_MARK}{BEL}\x9b2J\u202e\u2068\u200b"

# The same, in forms that decode only after a note's text was first made safe.
ENTITIES = "&#x1b;[2J &#27;]2;PWNED&#7; &#x202e;ent&#x202c; &#x2068;iso&#x2069; &#x200b; &#13;cr &#12;ff &#x9b;c1 &#127;"
AUTOLINK = f"<https://example.com/%1B]2;{TITLE_MARK}%07%1B]52;c;{CLIP_B64}%07%E2%80%AE%0D%C2%9B>"

# YAML double-quoted escapes: the parser itself makes the controls.
YAML_ESCAPED = r"\e]2;" + TITLE_MARK + r"\a\e]52;c;" + CLIP_B64 + r"\a\e[2J\x9b\u202e\u2068\u200b\x7f"

VIDEO = "AAAAAAAAAAA"
SEARCH_WORD = "wombat"  # every hostile body holds it, so `search` has snippets to show


def _body(tag: str) -> str:
    return f"""From: [[{PAYLOAD}chan]]

# Heading {tag} {PAYLOAD} <a class="yt-timestamp" data-t="00:00:01">[00:00:01]</a>

The {SEARCH_WORD} said {PAYLOAD} and went on [00:00:02]. Entities: {ENTITIES} [00:00:03].

## Second {ENTITIES} [00:01:00]

- item {PAYLOAD} [00:01:05]
  - nested {ENTITIES}
- [[{BARE}target|{BARE}alias]] and [[plain target#{BARE}heading]] and ![[{BARE}embed]]
- a broken stamp <a class="yt-timestamp" data-t="{ESC}c{BEL}">{ESC}c{ESC}#8{BEL}\u2068\u200b</a> and [[{PAYLOAD}]]

> [!warning] Callout {PAYLOAD}
> body {ENTITIES}

| head {PAYLOAD} | {ENTITIES} |
|---|---|
| cell {PAYLOAD} | [00:02:00] |

```
code {PAYLOAD}
```

Inline `code {PAYLOAD}` and ![alt {PAYLOAD} {ENTITIES}](https://example.com/i.png).

Links: [web](https://example.com/ok) [js](javascript:alert(1)) [file](file:///etc/passwd)
[data](data:text/html;base64,PHNjcmlwdD4=) [ftp](ftp://example.com/f) [vb](vbscript:msgbox) {AUTOLINK}
<file:///etc/passwd> <javascript:alert(1)> [rel](notes/other.md) [mail](mailto:a@example.com)

<div class="callout"><div class="callout-title">HTML {ENTITIES}</div><p>para {ENTITIES} {SEARCH_WORD}</p></div>

Last line {SEARCH_WORD} {PAYLOAD} [00:03:00].
"""


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# (folder, file name as bytes, content). Folder and file names are hostile too.
def terminal_notes() -> list[tuple[bytes, bytes, bytes]]:
    fsname = os.fsencode
    real_folder = fsname("\u2068Real Folder\u2069")  # as a real library names its folders
    esc_folder = fsname(f"dir{ESC}[2J{OSC_TITLE}")
    return [
        (real_folder, b"escaped_title.md", f'---\ntitle: "{YAML_ESCAPED}"\nvideoId: {VIDEO}\n---\n{_body("yaml")}'.encode()),
        # Raw controls are not valid YAML: the fallback reader takes the title and videoId as text.
        (real_folder, b"raw_title.md", f"---\ntitle: raw {PAYLOAD}\nvideoId: {VIDEO}\ntags: [{PAYLOAD}]\n---\n{_body('raw')}".encode()),
        (real_folder, b"bad_video_id.md", f'---\ntitle: Bad id\nvideoId: "{YAML_ESCAPED}"\n---\n{_body("vid")}'.encode()),
        (real_folder, b"h1_title.md", _body("h1").encode()),  # titled by its first H1, which is hostile
        (esc_folder, fsname(f"name{OSC_TITLE}{OSC_CLIPBOARD}.md"), f"# Plain\n\n{SEARCH_WORD} in a hostile name [00:00:04]\n".encode()),
        (esc_folder, fsname("bidi\u202egnp.\u2066exe\u2069 \u200bzw.md"), f"{SEARCH_WORD} bidi name\n".encode()),
        (esc_folder, fsname("c1\x9bname\x85.md"), f"{SEARCH_WORD} c1 name\n".encode()),
        (esc_folder, b"latin\xe9\x9b\xff.md", f"{SEARCH_WORD} a name that is not UTF-8\n".encode()),
        (esc_folder, fsname("new\nline\ttab.md"), f"{SEARCH_WORD} newline name\n".encode()),
        (b"", fsname(f"top{ESC}[31m.md"), f'---\ntitle: {_yaml_quote(PAYLOAD)}\n---\n{SEARCH_WORD} top\n'.encode()),
    ]


def broken_files() -> list[tuple[str, bytes, str]]:
    """(name, content, what the reader should say or do). All small; heavy ones are separate."""
    cp1252 = "---\ntitle: Café naïve\n---\nSmart “quotes” — dash\n".encode("cp1252")
    mixed = "---\ntitle: Mixed\n---\nutf-8 line café\n".encode() + "latin-1 line caf\xe9\n".encode("latin-1")
    return [
        ("binary.md", bytes(range(256)) * 64, "binary file"),
        ("binary_nul.md", b"# looks like text\n\x00\x00\x00" + os.urandom(2048), "binary file"),
        ("cp1252.md", cp1252, "not UTF-8"),
        ("mixed.md", mixed, "not UTF-8"),
        ("bom.md", b"\xef\xbb\xbf---\ntitle: With BOM\nvideoId: BBBBBBBBBBB\n---\nbody [00:00:05]\n", ""),
        ("crlf.md", b"---\r\ntitle: CRLF\r\nvideoId: CCCCCCCCCCC\r\n---\r\n# Head\r\n\r\nline [00:00:06]\r\nlone\rcr\r\n", ""),
        ("empty.md", b"", "empty note"),
        ("blank.md", b"\n \n\t\n", "empty note"),
        ("unclosed.md", b"---\ntitle: never closed\n\nbody\n", "not closed"),
        ("not_mapping.md", b"---\n- a\n- b\n---\nbody\n", "not a mapping"),
        ("bomb.md", _alias_bomb(), "aliases"),
        ("python_tag.md", b"---\ntitle: !!python/object/apply:os.system ['echo PWNED']\n---\nbody\n", "not valid YAML"),
        ("yaml_nul.md", b'---\ntitle: "a\\0b"\nvideoId: [1, 2]\n---\nbody\n', "videoId is a list"),
    ]


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("---\n" + "\n".join(lines) + "\ntitle: Bomb\n---\nbomb body\n").encode()


def heavy_files() -> dict[str, bytes]:
    words = ("Long line with a [00:01:02] stamp, a [[wiki link|alias]], a [link](https://example.com/x), "
             "*emphasis*, `code`, an &amp; entity and a ]bracket[ or two. ")
    line = (words * (1_048_576 // len(words) + 1))[:1_048_576]
    stamps = " ".join(f"[{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}]" for i in range(100_000))
    frontmatter = "".join(f"key{i}: {'v' * 90}\n" for i in range(3000))  # ~300 KB, over the 64 KB cap
    return {
        "one_line.md": f"---\ntitle: One line\nvideoId: {VIDEO}\n---\n{line}\n".encode(),
        "deep_list.md": ("- " * 10_000 + "deepest list item\n\nafter the list\n").encode(),
        "deep_quote.md": ("> " * 10_000 + "deepest quote\n\nafter the quote\n").encode(),
        "deep_indent.md": ("".join("  " * i + f"- level {i}\n" for i in range(300)) + "\nafter the indent\n").encode(),
        "stamps.md": f"---\ntitle: Stamps\nvideoId: {VIDEO}\n---\n{stamps}\n".encode(),
        "huge_frontmatter.md": f"---\ntitle: Huge frontmatter\nvideoId: {VIDEO}\n{frontmatter}---\nafter huge\n".encode(),
    }


HEAVY_KEPT = {  # a word from the end of each heavy note that must still be shown
    "deep_list.md": "after the list",
    "deep_quote.md": "after the quote",
    "deep_indent.md": "after the indent",
    "huge_frontmatter.md": "after huge",
}


def write_terminal_set(root: Path) -> list[Path]:
    written = []
    base = os.fsencode(root)
    for folder, name, content in terminal_notes():
        directory = os.path.join(base, folder) if folder else base
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, name)
        with open(path, "wb") as handle:
            handle.write(content)
        written.append(Path(os.fsdecode(path)))
    return written


def write_broken_set(root: Path) -> None:
    folder = root / "broken"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content, _expected in broken_files():
        (folder / name).write_bytes(content)
    os.mkfifo(folder / "fifo.md")  # reading it would wait for a writer forever
    (folder / "device.md").symlink_to("/dev/zero")  # reading it would never end
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    (folder / "self.md").symlink_to(folder / "self.md")
    (folder / "loop").mkdir()
    (folder / "loop" / "up").symlink_to(folder)  # a folder loop
    (folder / "loop" / "ok.md").write_text("# Inside the loop\n\nfine\n", encoding="utf-8")
    (folder / "folder.md").mkdir()
    unreadable = folder / "unreadable.md"
    unreadable.write_text("# secret\n", encoding="utf-8")
    unreadable.chmod(0)


def write_heavy_set(root: Path) -> None:
    folder = root / "heavy"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in heavy_files().items():
        (folder / name).write_bytes(content)


def write_library(root: Path, heavy: bool = False) -> Path:
    write_terminal_set(root)
    write_broken_set(root)
    if heavy:
        write_heavy_set(root)
    return root
