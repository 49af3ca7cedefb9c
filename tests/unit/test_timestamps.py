"""Every timestamp form a note uses: where it seeks, its label, its section, the sentence it cites."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from shownotes.core.notes.markdown import parse
from shownotes.core.notes.outline import build_outline
from shownotes.render import Document


def anchor(data_t: str, label: str | None = None, attr: str = 'class="yt-timestamp" data-t') -> str:
    label = f"[{data_t}]" if label is None else label
    return f'<a {attr}="{data_t}">{label}</a>'


CLASS_TWICE = 'class class="yt-timestamp" data-t'
CLASS_MANGLED = 'class="yt="yt-timestamp" data-t'
DATA_TIMESTAMP = 'class="yt-timestamp" data-timestamp'


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    stamps: tuple[tuple[int, str, int, str], ...]  # (seconds, label, section, context)
    warnings: tuple[str, ...] = ()  # one substring per expected warning, in order
    shown: tuple[str, ...] = ()  # text the rendered note must still show


CASES = [
    Case("anchor seeks to data-t, not its label", f"Pricing changed {anchor('00:35:45', '[01:35:45]')}.",
         ((2145, "01:35:45", 0, "Pricing changed"),), shown=("01:35:45",)),
    Case("anchor with an empty label", f"Quiet start {anchor('00:01:05', '')} here.",
         ((65, "", 0, "Quiet start"),), shown=("Quiet start ▶ here.",)),
    Case("H:MM:SS", f"Late point {anchor('1:02:03')}.", ((3723, "1:02:03", 0, "Late point"),)),
    Case("MM:SS", f"Middle point {anchor('12:34')}.", ((754, "12:34", 0, "Middle point"),)),
    Case("M:SS", f"Early point {anchor('2:05')}.", ((125, "2:05", 0, "Early point"),)),
    Case("single-digit fields", f"Odd point {anchor('5:8:59')}.", ((18539, "5:8:59", 0, "Odd point"),)),
    Case("over 24 hours", f"Marathon {anchor('30:00:00')} and more {anchor('100:00:01')}.",
         ((108000, "30:00:00", 0, "Marathon"), (360001, "100:00:01", 0, "Marathon and more"))),
    Case("bare bracketed time", "It began [00:00:06] slowly.", ((6, "00:00:06", 0, "It began"),),
         shown=("It began ▶\u00a000:00:06 slowly.",)),
    Case("markdown link whose text is a time", "See [01:18:03](01:18:03) here.",
         ((4683, "01:18:03", 0, "See"),), shown=("See ▶\u00a001:18:03 here.",)),
    Case("markdown link seeks to its target time", "See [01:00:00](00:00:30) here.",
         ((30, "01:00:00", 0, "See"),)),
    Case("label slash prefix from real notes", f"Slashed {anchor('2:40', '[/2:40]')}.",
         ((160, "2:40", 0, "Slashed"),)),
    Case("single-quoted data-t", "Quoted <a class='yt-timestamp' data-t='00:00:05'>[00:00:05]</a>.",
         ((5, "00:00:05", 0, "Quoted"),)),
    Case("timestamp in a heading", f"# Opening {anchor('00:00:10')}\n\nBody.",
         ((10, "00:00:10", 1, "Opening"),)),
    Case("timestamps in list items", f"## Topics\n\n- First point [00:00:11]\n- Second point {anchor('00:00:12')}\n",
         ((11, "00:00:11", 1, "First point"), (12, "00:00:12", 1, "Second point"))),
    Case("timestamp in a table cell",
         "## Table\n\n| Topic | Note |\n|---|---|\n| Pricing | Pricing talk [00:00:12] |\n",
         ((12, "00:00:12", 1, "Pricing talk"),), shown=("Pricing talk ▶\u00a000:00:12",)),
    Case("timestamp in <sup>", f"Revenue doubled<sup>{anchor('00:00:13')}</sup>.",
         ((13, "00:00:13", 0, "Revenue doubled"),)),
    Case("bare time in <sup>", "Costs fell<sup>[00:00:14]</sup>.", ((14, "00:00:14", 0, "Costs fell"),)),
    Case("range is two timestamps", "Pricing came up [00:01:00] - [00:02:00] twice.",
         ((60, "00:01:00", 0, "Pricing came up"), (120, "00:02:00", 0, "Pricing came up"))),
    Case("anchor range is two timestamps", f"Hiring {anchor('00:03:00')} - {anchor('00:04:00')}.",
         ((180, "00:03:00", 0, "Hiring"), (240, "00:04:00", 0, "Hiring"))),
    Case("malformed data-t with four fields seeks to its label", f"Broken {anchor('0:0:55:00', '[00:55:00]')} ok.",
         ((3300, "00:55:00", 0, "Broken"),), warnings=("malformed",)),
    Case("malformed data-t with letters seeks to its label", f"Broken {anchor('99:xx', '[00:55:00]')} ok.",
         ((3300, "00:55:00", 0, "Broken"),), warnings=("malformed",)),
    Case("neither data-t nor label is a time", f"Lost {anchor('99:xx', '[zz]')} here.",
         (), warnings=("no valid time",), shown=("Lost [zz] here.",)),
    Case("seconds over 59 in both", f"Lost {anchor('01:47:73')} here.",
         (), warnings=("no valid time",), shown=("Lost [01:47:73] here.",)),
    Case("empty label and bad data-t", f"Lost {anchor('xx', '')} here.", (), warnings=("no valid time",),
         shown=("[xx]",)),
    Case("mangled class attribute", f"Mangled {anchor('00:00:05', attr=CLASS_TWICE)}.",
         ((5, "00:00:05", 0, "Mangled"),)),
    Case("mangled class value", f"Mangled {anchor('00:00:07', attr=CLASS_MANGLED)}.",
         ((7, "00:00:07", 0, "Mangled"),)),
    Case("data-timestamp attribute", f"Renamed {anchor('00:16:48', attr=DATA_TIMESTAMP)}.",
         ((1008, "00:16:48", 0, "Renamed"),)),
    Case("cites the sentence just before", f"First claim. Second claim {anchor('00:00:20')}. Third.",
         ((20, "00:00:20", 0, "Second claim"),)),
    Case("clause after an earlier timestamp",
         f"Prices fell {anchor('00:00:21')}, and volume rose {anchor('00:00:22')}.",
         ((21, "00:00:21", 0, "Prices fell"), (22, "00:00:22", 0, "Prices fell, and volume rose"))),
    Case("leading timestamp cites the sentence after", f"{anchor('00:00:23')} Opening remarks follow. More.",
         ((23, "00:00:23", 0, "Opening remarks follow."),)),
    Case("timestamp inside a raw HTML block", f"<div>\nSaid in passing {anchor('00:00:04')}\n</div>",
         ((4, "00:00:04", 0, "Said in passing"),), shown=("Said in passing",)),
    Case("timestamp in a callout title", "> [!note] Key moment [00:00:09]\n> Body text.",
         ((9, "00:00:09", 0, "Key moment"),)),
    Case("timestamps across sections", "Intro [00:00:01]\n\n## A\n\nText [00:00:02]\n\n### B\n\nMore [00:00:03]\n",
         ((1, "00:00:01", 0, "Intro"), (2, "00:00:02", 1, "Text"), (3, "00:00:03", 2, "More"))),
    Case("code span is not a timestamp", "Code `[00:00:06]` here.", (), shown=("[00:00:06]",)),
    Case("fenced code is not a timestamp", "```\n[00:00:06]\n```\n", (), shown=("[00:00:06]",)),
    Case("bracket with seconds over 59 is text", "Odd [00:99] text.", (), shown=("Odd [00:99] text.",)),
    Case("bracket with words is text", "See [note 12:30] later.", (), shown=("[note 12:30]",)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_timestamp_forms(case: Case) -> None:
    tokens, warnings = parse(case.source)
    outline = build_outline(tokens)
    got = tuple((s.seconds, s.label, s.section, s.context) for s in outline.timestamps)
    assert got == case.stamps
    assert len(warnings) == len(case.warnings), warnings
    for message, expected in zip(warnings, case.warnings):
        assert expected in message
    rendered = Document(tokens).layout(100).plain()
    for text in case.shown:
        assert text in rendered
    assert "yt-timestamp" not in rendered and "data-t" not in rendered
