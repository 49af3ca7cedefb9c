"""What the command line reports of a parsed note beside the note itself, the same whether the note
is parsed now or the search index remembers its parse."""

from __future__ import annotations

from dataclasses import dataclass

from .note import Note


@dataclass(frozen=True)
class NoteFacts:
    title: str  # named by its first H1 when the file gives no title
    sections: int  # headings (the part before the first one is not counted)
    timestamps: int
    warnings: tuple[str, ...]  # what parsing found; reading the file's are on the Note
    links: tuple[str, ...]  # wiki link targets as written, each once
    unresolved: tuple[str, ...] | None = None  # those that name no note of the library; None: not worked out


def facts_of(note: Note) -> NoteFacts:
    """Parse the note (reading it first if it was not) with the shared parser."""
    parsed = note.parse()
    outline = parsed.outline
    return NoteFacts(
        title=note.titled(parsed).title,
        sections=sum(1 for section in outline.sections if section.level > 0),
        timestamps=len(outline.timestamps),
        warnings=tuple(parsed.warnings),
        links=tuple(dict.fromkeys(link.target for link in outline.links)),
    )
