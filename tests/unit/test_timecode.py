"""Time values and YouTube deep links."""

from __future__ import annotations

import pytest

from shownotes.core.timecode import (
    deep_link,
    format_time,
    is_web_url,
    parse_time,
    valid_video_id,
    video_id_from_url,
)

PARSE_CASES = [
    ("00:00:00", 0),
    ("00:12:45", 765),
    ("1:02:03", 3723),
    ("12:34", 754),
    ("2:05", 125),
    ("5:8:59", 18539),
    ("30:00:00", 108000),
    ("100:00:00", 360000),
    (" 00:01:00 ", 60),
    ("00:60:00", None),
    ("00:00:60", None),
    ("01:47:73", None),
    ("12:60", None),
    ("0:0:55:00", None),
    ("99:xx", None),
    ("", None),
    ("12", None),
    ("-1:00", None),
]


@pytest.mark.parametrize(("value", "seconds"), PARSE_CASES, ids=[repr(c[0]) for c in PARSE_CASES])
def test_parse_time(value: str, seconds: int | None) -> None:
    assert parse_time(value) == seconds
    if seconds is not None:
        assert parse_time(format_time(seconds)) == seconds


LINK_CASES = [
    ("P6y0gr-W2-k", 0, "https://www.youtube.com/watch?v=P6y0gr-W2-k&t=0s"),
    ("P6y0gr-W2-k", 765, "https://www.youtube.com/watch?v=P6y0gr-W2-k&t=765s"),
    ("_N2KPEdh69s", 108000, "https://www.youtube.com/watch?v=_N2KPEdh69s&t=108000s"),
    ("P6y0gr-W2-", 5, None),
    ("P6y0gr-W2-kk", 5, None),
    ("P6y0gr W2-k", 5, None),
    ("P6y0gr&W2=k", 5, None),
    ("P6y0gr-W2-\u00e9", 5, None),
    ("", 5, None),
    (None, 5, None),
]


@pytest.mark.parametrize(("video_id", "seconds", "url"), LINK_CASES, ids=[repr(c[0]) for c in LINK_CASES])
def test_deep_link(video_id: str | None, seconds: int, url: str | None) -> None:
    assert deep_link(video_id, seconds) == url
    assert valid_video_id(video_id) is (url is not None)
    if url is not None:
        assert is_web_url(url)


URL_CASES = [
    ("https://www.youtube.com/watch?v=P6y0gr-W2-k", "P6y0gr-W2-k"),
    ("https://youtube.com/watch?feature=x&v=P6y0gr-W2-k", "P6y0gr-W2-k"),
    ("https://youtu.be/P6y0gr-W2-k", "P6y0gr-W2-k"),
    ("https://example.com/watch?v=P6y0gr-W2-k", None),
    ("javascript:alert(1)", None),
]


@pytest.mark.parametrize(("url", "video_id"), URL_CASES, ids=[c[0] for c in URL_CASES])
def test_video_id_from_url(url: str, video_id: str | None) -> None:
    assert video_id_from_url(url) == video_id


WEB_CASES = [
    ("https://example.com/a", True),
    ("http://example.com", True),
    ("javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("https://exa mple.com", False),
    ("https://example.com/\x1b]8;;", False),
    ("https://", False),
    ("", False),
]


@pytest.mark.parametrize(("url", "ok"), WEB_CASES, ids=[repr(c[0]) for c in WEB_CASES])
def test_is_web_url(url: str, ok: bool) -> None:
    assert is_web_url(url) is ok
