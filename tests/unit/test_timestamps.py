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
    beside: tuple[str | None, ...] = ()  # each timestamp's label_time (the label's own time), when given


def unclosed(data_t: str) -> str:
    return f'<a class="yt-timestamp" data-t="{data_t}">'


TS = "▶\u00a0"


CASES = [
    Case("label disagreeing with data-t: data-t wins, the label's time kept beside it",
         f"Pricing changed {anchor('00:35:45', '[01:35:45]')}.", ((2145, "01:35:45", 0, "Pricing changed"),),
         warnings=("label [01:35:45] disagrees with data-t='00:35:45'",), shown=(f"Pricing changed {TS}00:35:45.",),
         beside=("01:35:45",)),
    Case("label two minutes off data-t", f"Shifted {anchor('00:05:11', '[00:07:11]')}.", ((311, "00:07:11", 0, "Shifted"),),
         warnings=("disagrees",), shown=(f"{TS}00:05:11",), beside=("00:07:11",)),
    Case("minutes written as hours: the label wins", f"Eleven minutes in {anchor('11:00:00', '[0:11:00]')}.",
         ((660, "0:11:00", 0, "Eleven minutes in"),), warnings=("minutes written as hours",), shown=(f"{TS}00:11:00",),
         beside=(None,)),
    Case("label in hours, data-t in minutes: data-t wins", f"Odd {anchor('0:11:00', '[11:00:00]')}.",
         ((660, "11:00:00", 0, "Odd"),), warnings=("disagrees",), beside=("11:00:00",)),
    Case("agreeing label and data-t: nothing beside", f"Fine {anchor('00:01:00', '[1:00]')}.", ((60, "1:00", 0, "Fine"),),
         shown=(f"Fine {TS}00:01:00.",), beside=(None,)),
    Case("anchor with an empty label shows its time", f"Quiet start {anchor('00:01:05', '')} here.",
         ((65, "00:01:05", 0, "Quiet start"),), shown=(f"Quiet start {TS}00:01:05 here.",)),
    Case("one format: H:MM:SS shown as HH:MM:SS", f"Late point {anchor('1:02:03')}.", ((3723, "1:02:03", 0, "Late point"),),
         shown=(f"Late point {TS}01:02:03.",)),
    Case("MM:SS", f"Middle point {anchor('12:34')}.", ((754, "12:34", 0, "Middle point"),)),
    Case("M:SS", f"Early point {anchor('2:05')}.", ((125, "2:05", 0, "Early point"),)),
    Case("single-digit fields", f"Odd point {anchor('5:8:59')}.", ((18539, "5:8:59", 0, "Odd point"),)),
    Case("over 24 hours is warned", f"Marathon {anchor('30:00:00')} and more {anchor('100:00:01')}.",
         ((108000, "30:00:00", 0, "Marathon"), (360001, "100:00:01", 0, "Marathon and more")),
         warnings=("[30:00:00] is beyond any plausible video (over 24 h)", "[100:00:01] is beyond")),
    Case("minutes as hours past 24 h, label agreeing", f"Late {anchor('59:58:00')}.", ((215880, "59:58:00", 0, "Late"),),
         warnings=("over 24 h",)),
    Case("anchor without </a>", f"They explain themselves {unclosed('01:10:22')}. These states matter.",
         ((4222, "01:10:22", 0, "They explain themselves"),), warnings=("not closed with </a>",),
         shown=(f"They explain themselves {TS}01:10:22. These states matter.",)),
    Case("anchor without </a>, its label after it", f"Said {unclosed('00:00:30')}[00:00:30] first.",
         ((30, "00:00:30", 0, "Said"),), warnings=("not closed",), shown=(f"Said {TS}00:00:30 first.",)),
    Case("many anchors without </a>: a few warnings, then a count",
         " ".join(f"Point {n} {unclosed(f'00:00:{n:02d}')}." for n in range(1, 9)),
         tuple((n, f"00:00:{n:02d}", 0, f"Point {n}") for n in range(1, 9)),
         warnings=("not closed",) * 5 + ("… and 3 more unclosed anchors",)),
    Case("label that is a long wiki link", f"Worth it {anchor('00:30:23', '[[target | an alias longer than any label pattern expected, sixty-odd characters]]')}.",
         ((1823, "00:30:23", 0, "Worth it"),), shown=(f"Worth it {TS}00:30:23 an alias longer than any label",)),
    Case("label that is words", f"See {anchor('00:02:00', 'the intro')}.", ((120, "00:02:00", 0, "See"),),
         shown=(f"See {TS}00:02:00 the intro.",)),
    Case("start tag broken into a range", 'Range <a class="yt-timestamp" data-t="00:15:11]-[00:15:24]</a> here.',
         ((911, "00:15:11", 0, "Range"), (924, "00:15:24", 0, "Range")), warnings=("broken start tag",),
         shown=(f"Range {TS}00:15:11–{TS}00:15:24 here.",)),
    Case("start tag with no end at all", 'Cut <a class="yt-timestamp" data-t="00:15:11" and the text goes on.',
         ((911, "00:15:11", 0, "Cut"),), warnings=("broken start tag",), shown=(f"Cut {TS}00:15:11 and the text goes on.",)),
    Case("value written twice", f"Twice {anchor('07:20', '07:20&quot;>07:20'.replace('&quot;', chr(34)))} over.",
         ((440, "07:20", 0, "Twice"),), warnings=("written twice",), shown=(f"Twice {TS}00:07:20 over.",)),
    Case("[t](<a…>[t]</a> is one timestamp", f"Valued at $1B [00:00:18]({anchor('00:00:18')}. Next.",
         ((18, "00:00:18", 0, "Valued at $1B"),), shown=(f"Valued at $1B {TS}00:00:18. Next.",)),
    Case("[t](<a…>[t]</a>) with its parenthesis closed", f"Growth [00:01:37]({anchor('00:01:37')}) came.",
         ((97, "00:01:37", 0, "Growth"),), shown=(f"Growth {TS}00:01:37 came.",)),
    Case("[[t]] is a timestamp", "Wiki style [[00:12:45]] stamp.", ((765, "00:12:45", 0, "Wiki style"),),
         shown=(f"Wiki style {TS}00:12:45 stamp.",)),
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
         (), warnings=("[zz] has no valid time",), shown=("Lost [zz] here.",)),
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
    if case.beside:
        assert tuple(s.label_time for s in outline.timestamps) == case.beside
    assert len(warnings) == len(case.warnings), warnings
    for message, expected in zip(warnings, case.warnings):
        assert expected in message
    rendered = Document(tokens).layout(100).plain()
    for text in case.shown:
        assert text in rendered
    assert "yt-timestamp" not in rendered and "data-t" not in rendered and "<a" not in rendered
    assert all(f"{TS}{s.shown}" in rendered for s in outline.timestamps)  # the time shown is the time linked
