"""The real corpus (../shared/corpus): every note loads, and timestamps are counted independently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shownotes.core import textsafe
from shownotes.core.library import Library
from shownotes.render import Document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
CHANNEL = "redpointai"

pytestmark = pytest.mark.skipif(not (CORPUS / CHANNEL).is_dir(), reason=f"no corpus at {CORPUS}")

# Independent of the parser: any <a ...yt-timestamp...>label</a>, the time attribute under either name.
ANCHOR = re.compile(r"<a\s[^<>]*yt-timestamp[^<>]*>([^<>]*)</a\s*>", re.IGNORECASE)
TIME_ATTR = re.compile(r"data-t(?:imestamp)?\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
BRACKET = re.compile(r"\[(\d+:\d+(?::\d+)?)\]")
# `[00:00:17](<a class="yt-timestamp" …>[00:00:17]</a>`: the generator wrote the time, then its anchor; one timestamp.
DOUBLE_HEAD = re.compile(r"\[\d+:\d+(?::\d+)?\]\(\s*(?=<a\s[^<>]*yt-timestamp)", re.IGNORECASE)
TIME = re.compile(r"\s*(\d+):(\d+)(?::(\d+))?\s*")


def valid_time(value: str) -> bool:
    match = TIME.fullmatch(value)
    if match is None:
        return False
    fields = [int(part) for part in match.groups() if part is not None]
    return all(field < 60 for field in fields[1:])


def seconds_of(value: str) -> int | None:
    if not valid_time(value):
        return None
    fields = [int(part) for part in TIME.fullmatch(value).groups() if part is not None]
    return sum(field * 60**power for power, field in enumerate(reversed(fields)))


def count_times(raw: str) -> tuple[int, int]:
    """(timestamps a reader should see, anchors with no valid time) in a note's raw text."""
    raw = DOUBLE_HEAD.sub(" ", raw)
    valid = invalid = 0
    for match in ANCHOR.finditer(raw):
        attr = TIME_ATTR.search(match.group(0))
        label = match.group(1).strip().strip("[]").lstrip("/")
        if (attr and valid_time(attr.group(1))) or valid_time(label):
            valid += 1
        else:
            invalid += 1
    outside = ANCHOR.sub(" ", raw)
    valid += sum(1 for match in BRACKET.finditer(outside) if valid_time(match.group(1)))
    return valid, invalid


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.open(CORPUS)


@pytest.fixture(scope="module")
def parsed(library: Library) -> dict[str, tuple]:
    return {note.rel: note.parse() for note in library.notes}


def test_every_file_loads(library: Library) -> None:
    assert len(list(CORPUS.rglob("*.md"))) == 498
    assert len(library.notes) == 498
    assert sum(1 for note in library.notes if note.rel.startswith(f"{CHANNEL}/")) == 497
    assert [w for w in library.warnings if w.fatal] == []
    assert all(note.error is None and note.body for note in library.notes)


def test_timestamp_counts_match_the_raw_text(library: Library, parsed: dict) -> None:
    wrong = []
    for note in library.notes:
        expected, _invalid = count_times(note.path.read_text(encoding="utf-8"))
        got = len(parsed[note.rel].outline.timestamps)
        if got != expected:
            wrong.append((note.rel, expected, got))
    assert wrong == []
    assert sum(len(p.outline.timestamps) for p in parsed.values()) > 20_000


def test_labels_disagreeing_with_data_t(library: Library, parsed: dict) -> None:
    """The label wins only when data-t is the label in minutes written as hours; otherwise the link goes to
    data-t and the label's time is kept beside it. Counted here from the raw anchors."""
    label_wins = beside = 0
    for note in library.notes:
        for match in ANCHOR.finditer(DOUBLE_HEAD.sub(" ", note.path.read_text(encoding="utf-8"))):
            attr = TIME_ATTR.search(match.group(0))
            data = seconds_of(attr.group(1)) if attr else None
            said = seconds_of(match.group(1).strip().strip("[]").lstrip("/"))
            if data is not None and said is not None and data != said:
                label_wins += data == said * 60
                beside += data != said * 60
    stamps = [stamp for p in parsed.values() for stamp in p.outline.timestamps]
    assert sum(stamp.label_seconds is not None for stamp in stamps) == beside > 200
    warned = [w for p in parsed.values() for w in p.warnings if "minutes written as hours" in w]
    counted = sum(int(w.split()[2]) if w.startswith("… and") else 1 for w in warned)
    assert counted == label_wins > 100


def test_invalid_times_are_exactly_the_warned_notes(library: Library, parsed: dict) -> None:
    invalid = {note.rel for note in library.notes if count_times(note.path.read_text(encoding="utf-8"))[1]}
    warned = {rel for rel, p in parsed.items() if any("no valid time" in w for w in p.warnings)}
    assert invalid == warned
    assert invalid == {
        f"{CHANNEL}/future_directions_for_video_models.md",
        f"{CHANNEL}/inference_challenges_and_strategies_in_ai_systems.md",
    }


def test_rendered_text_has_no_raw_markup(library: Library, parsed: dict) -> None:
    leaks = []
    for note in library.notes:
        rendered = Document(parsed[note.rel].tokens).layout(80).plain()
        leaks.extend((note.rel, raw) for raw in ("[[", "<a ", "<div", "videoId:", "data-t=", "â€", "(▶") if raw in rendered)
    assert leaks == []


def test_clean_notes_are_unchanged_by_repair(library: Library) -> None:
    changed = []
    for note in library.notes:
        raw = note.path.read_text(encoding="utf-8")
        if textsafe.repair(raw) is not raw or textsafe.repair(note.body) is not note.body or note.body not in raw:
            changed.append(note.rel)
    assert changed == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("AI infrastructure and startup opportunities", "ai_infrastructure_and_startup_opportunities.md"),
        ("redpointai", "redpointai.md"),
    ],
)
def test_corpus_links_resolve(library: Library, target: str, expected: str) -> None:
    source = library.note(f"{CHANNEL}/ai_infrastructure_and_tooling.md")
    assert any(link.target == target for link in source.parse().outline.links)
    found = library.resolve(target, source)
    assert found is not None and found.rel == f"{CHANNEL}/{expected}"


def test_index_page_names_episodes(library: Library) -> None:
    index = (CORPUS / CHANNEL / f"{CHANNEL}.md").read_text(encoding="utf-8")
    named = dict(
        (video, title)
        for title, video in re.findall(r"^### \[(.+)\]\(https://www\.youtube\.com/watch\?v=([\w-]{11})\)", index, re.M)
    )
    (channel,) = [c for c in library.channels if c.name == CHANNEL]
    assert [page.rel for page in channel.pages] == [f"{CHANNEL}/{CHANNEL}.md"]
    by_video = {episode.video_id: episode for episode in channel.episodes}
    assert by_video["P6y0gr-W2-k"].title.startswith("What has PMF Today")
    for video, title in named.items():
        if video in by_video:
            assert by_video[video].title == title and by_video[video].named_by_index
    assert sum(e.named_by_index for e in channel.episodes) == len(set(named) & set(by_video)) >= 40
    listed = sorted(note.rel for note in channel.notes)
    assert listed == sorted(note.rel for note in library.notes if note.rel.startswith(f"{CHANNEL}/"))
