"""Markdown the real library uses: wiki links in tables, inline HTML, callout divs, whole-note fences,
admonitions, LaTeX, repeated frontmatter. Each case is a note of the shape found there."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rich.style import Style

from shownotes.core.notes.markdown import parse
from shownotes.core.notes.outline import build_outline
from shownotes.render import Document

TS = "▶\u00a0"


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    shown: tuple[str, ...]  # lines (or parts of lines) the rendered note shows
    absent: tuple[str, ...] = ()  # text it must not show
    stamps: int | None = None  # how many timestamps the note has
    sections: tuple[str, ...] | None = None  # the titles of its sections after the opening one
    warnings: tuple[str, ...] = ()  # one substring per expected warning, in order
    styled: tuple[tuple[str, str], ...] = ()  # (rendered text, style attribute that must be on)
    links: tuple[tuple[str, str | None], ...] | None = None  # (target, alias)


TABLE = """## Episodes

| Topic | Note | When |
|---|---|---|
| Pricing | [[pricing_strategy | Pricing talk]] | [00:01:00] |
| Hiring | [[hiring_note|Hiring]] and [[culture | Culture]] | <a class="yt-timestamp" data-t="00:02:00">[00:02:00]</a> |
| Escaped | [[escaped\\|Already escaped]] | [00:03:00] |
"""

CALLOUT_DIV = """Before.

<div class="callout" data-callout="warning">
<div class="callout-title">Key risks</div>
<div class="callout-content">
#### Supply
* chips are scarce [00:01:00]
* power is **vital**
</div>
</div>

After.
"""

CALLOUT_SPLIT = """<div class="callout">
<div class="callout-title">Bitter lesson</div>

General methods win [00:26:05].

- and they scale

</div>

After the callout.
"""

CALLOUT_INDENTED = """<div class="callout">
    <div class="callout-title">
        <div class="callout-icon">
            <svg xmlns="http://www.w3.org/2000/svg" width="16"><path d="m3 11 18-8"/></svg>
        </div>
        <div class="callout-title-inner">Overhyped vs. Underhyped</div>
    </div>
    <div class="callout-content">
        <p>
            **Overhyped:** benchmarks that are saturated <a class="yt-timestamp" data-t="00:43:38">[00:43:38]</a>.
        </p>
    </div>
</div>
"""

FENCED = """```markdown
From: [[hubermanlab]] <br/>

## Sleep
Light in the morning [00:00:05].

```python
print("a code block inside")
```

## Caffeine
Wait ninety minutes [00:01:30].
```
"""

CASES = [
    Case("table cells holding [[target | alias]]", TABLE,
         ("│ Pricing │ Pricing talk", "│ Hiring  │ Hiring and Culture", f"{TS}00:02:00", "│ Escaped │ Already escaped"),
         absent=("[[", "\\|", "Culture]]"), stamps=3, sections=("Episodes",),
         links=(("pricing_strategy", "Pricing talk"), ("hiring_note", "Hiring"), ("culture", "Culture"),
                ("escaped", "Already escaped"))),
    Case("a table pipe in fenced code is left alone", "```\n| [[a|b]] | c |\n```\n", ("| [[a|b]] | c |",), absent=("\\|",)),
    Case("superscript and subscript as Unicode", "Error rate 10<sup>-14</sup>, next X<sub>n+1</sub>, E=mc<sup>2</sup>.",
         ("Error rate 10⁻¹⁴, next Xₙ₊₁, E=mc².",)),
    Case("superscript without a Unicode form", "Footnote<sup>q</sup> and note<sup>a, b</sup>.", ("Footnote^q and note^(a, b).",)),
    Case("a timestamp inside <sup> stays a timestamp", "Revenue doubled<sup>[00:00:13]</sup>.",
         (f"Revenue doubled{TS}00:00:13.",), stamps=1),
    Case("inline tags get their styles",
         "A <b>bold</b>, <i>slanted</i>, <u>lined</u>, <mark>marked</mark> and <kbd>Ctrl</kbd> word.",
         ("A bold, slanted, lined, marked and Ctrl word.",), absent=("<",),
         styled=(("bold", "bold"), ("slanted", "italic"), ("lined", "underline"), ("marked", "reverse"), ("Ctrl", "bold"))),
    Case("<br> breaks the line", "First line<br>second line<br/>third.", ("First line", "second line", "third.")),
    Case("other tags are stripped, their text kept", 'A <span style="color:red">kept</span> and <font size=2>also</font> <abbr>kept</abbr>.',
         ("A kept and also kept.",), absent=("<", "span")),
    Case("a stray closing tag closes nothing", "Plain </b> **strong** text.", ("Plain  strong text.",),
         styled=(("strong", "bold"),)),
    Case("callout div: its inside is Markdown", CALLOUT_DIV,
         ("Before.", "▌ ⚠ Key risks", "▌ Supply", f"▌ • chips are scarce {TS}00:01:00", "▌ • power is vital", "After."),
         absent=("####", "* ", "<div", "callout-content"), stamps=1, sections=("Supply",), styled=(("vital", "bold"),)),
    Case("callout div split by blank lines", CALLOUT_SPLIT,
         ("▌ ✎ Bitter lesson", f"▌ General methods win {TS}00:26:05.", "▌ • and they scale", "After the callout."),
         absent=("<div", "</div>", "▌ After"), stamps=1),
    Case("callout div indented, with an icon", CALLOUT_INDENTED,
         ("▌ ✎ Overhyped vs. Underhyped", f"▌ Overhyped: benchmarks that are saturated {TS}00:43:38."),
         absent=("<svg", "**", "<p>"), stamps=1, styled=(("Overhyped:", "bold"),)),
    Case("a ```markdown fence around the whole note is the note", FENCED,
         ("From: hubermanlab", f"Light in the morning {TS}00:00:05.", 'print("a code block inside")', f"Wait ninety minutes {TS}00:01:30."),
         absent=("```", "## Sleep"), stamps=2, sections=("Sleep", "Caffeine"), warnings=("```markdown fence",)),
    Case("a ```md fence after blank lines", "\n\n```md\n# Title\nText [00:00:07].\n```\n\n", (f"Text {TS}00:00:07.",),
         stamps=1, sections=("Title",), warnings=("```markdown fence",)),
    Case("a ```markdown fence with text after it stays code", "```markdown\n# Not a heading [00:00:01]\n```\n\nAfter.\n",
         ("# Not a heading [00:00:01]", "After."), stamps=0, sections=()),
    Case("```ad-warning with a title", "```ad-warning\ntitle: Watch out\ncollapse: open\nPower is **scarce** [00:01:00].\n```\n",
         ("▌ ⚠ Watch out", f"▌ Power is scarce {TS}00:01:00."), absent=("title:", "collapse", "```"), stamps=1,
         styled=(("scarce", "bold"),)),
    Case("```ad-note without a title", "```ad-note\n- one\n- two\n```\n", ("▌ ✎ Note", "▌ • one", "▌ • two")),
    Case("inline LaTeX", r"Energy $E = mc^2$ and rate $10^{-14}$ and $X_{n+1}$.", ("Energy E = mc² and rate 10⁻¹⁴ and Xₙ₊₁.",)),
    Case("display LaTeX in a line", r"Ratio $$\frac{a}{b}$$ here.", ("Ratio a/b here.",)),
    Case("display LaTeX block", "Sum:\n\n$$\n\\sum_{i=1}^{n} x_i\n$$\n\nDone.", ("∑ᵢ₌₁ⁿ xᵢ", "Done."), absent=("$$", "\\sum")),
    Case("Greek and operators", r"Loss $\alpha \leq \beta$ falls.", ("Loss α≤β falls.",)),
    Case("prices are not math", "They raised $5 and $10, then $5/$10 and $25-50 an hour.",
         ("They raised $5 and $10, then $5/$10 and $25-50 an hour.",)),
    Case("a price then math", "It costs $5, or $x$ per unit.", ("It costs $5, or x per unit.",)),
    Case("escaped dollars", r"Cost \$5 and \$10.", ("Cost $5 and $10.",)),
    Case("math in a code span is code", "Code `$x^2$` here.", ("Code $x^2$ here.",)),
    Case("LaTeX that cannot be converted keeps its source", "Odd $}}}$ one.", ("Odd $}}}$ one.",),
         warnings=("could not be converted",)),
    Case("a repeated frontmatter block is metadata", "---\ntitle: Again\nvideoId: AAAAAAAAAAA\ntags:\n  - x\n---\n\n## Real\nText.\n",
         ("Real", "Text."), absent=("title:", "videoId", "Again"), sections=("Real",), warnings=("second frontmatter",)),
    Case("From: then a repeated frontmatter block", "From: [[hubermanlab]] <br/>\n---\ntitle: Again\n---\n## Topic\n",
         ("From: hubermanlab", "Topic"), absent=("title:",), sections=("Topic",), warnings=("second frontmatter",)),
    Case("a From: line over --- is not a heading", "From: [[hubermanlab]]\n---\n\n## Topic\nText.\n",
         ("From: hubermanlab", "Topic"), sections=("Topic",)),
    Case("a rule after a paragraph is still a setext heading elsewhere", "Intro\n\nReal heading\n---\n", ("Real heading",),
         sections=("Real heading",)),
]


def _style_of(layout, text: str) -> Style:
    for line in layout.lines:
        for segment in line:
            if text in segment.text and segment.style is not None:
                return segment.style
    raise AssertionError(f"no segment holding {text!r}")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_real_markdown(case: Case) -> None:
    tokens, warnings = parse(case.source)
    outline = build_outline(tokens)
    layout = Document(tokens).layout(100)
    rendered = layout.plain()
    for text in case.shown:
        assert text in rendered, rendered
    for text in case.absent:
        assert text not in rendered, rendered
    if case.stamps is not None:
        assert len(outline.timestamps) == case.stamps
    if case.sections is not None:
        assert tuple(s.title for s in outline.sections[1:]) == case.sections
    assert len(warnings) == len(case.warnings), warnings
    for message, expected in zip(warnings, case.warnings):
        assert expected in message
    for text, attribute in case.styled:
        assert getattr(_style_of(layout, text), attribute) is True, text
    if case.links is not None:
        assert tuple((link.target, link.alias) for link in outline.links) == case.links


@pytest.mark.parametrize("source", [TABLE, FENCED, CALLOUT_DIV, "---\ntitle: t\n---\n\n## Real [00:00:01]\n"],
                         ids=["table", "fence", "callout div", "repeated frontmatter"])
def test_line_numbers_stay_true(source: str) -> None:
    """Pre-passes keep every line where it was: timestamps and sections point at their own lines."""
    outline = build_outline(parse(source)[0])
    lines = source.split("\n")
    for stamp in outline.timestamps:
        assert stamp.label in lines[stamp.line] or "<div" in source
    for section in outline.sections[1:]:
        assert section.title.split(" [")[0] in lines[section.line] or "<div" in source
