"""Wiki-link resolution over a set of note paths: one Resolver for the library and the index alike."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from functools import cached_property

NOTE_SUFFIXES = (".md", ".markdown", ".txt")
_SLUG_LIKE = re.compile(r"[a-z0-9_]+").fullmatch  # already a slug, as most file stems are


_NOT_WORD = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """Lower-case, punctuation dropped, spaces and hyphens to `_` (how real note files are named)."""
    if _SLUG_LIKE(text):
        return text
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s-]+", "_", text.strip())


def squash(text: str) -> str:
    """Letters and digits only, lower-case: what a link and a file name still share when the library's
    file names drop hyphens (`service-based` -> `servicebased`) or apostrophes (`el_chapos`), or a link
    splits a word (`neuro plasticity`) or names a channel (`Lex Fridman` -> `lexfridman`)."""
    return _NOT_WORD.sub("", text.lower())


def readable(target: str) -> str:
    """A link target as a reader would name it: `folder/neuroplasticity_and_memory.md` ->
    `neuroplasticity and memory`."""
    name = posixpath.basename(target.strip()) or target.strip()
    if name.lower().endswith(NOTE_SUFFIXES):
        name = name.rsplit(".", 1)[0]
    return " ".join(name.replace("_", " ").split()) if " " not in name else name


class Resolver:
    """Resolves `[[target]]` to a rel: relative path, then file stem (any case), then slug, then the
    squashed name (letters and digits only); the exact-case stem, then the linking note's folder,
    win ties. Built from rels only, so it needs no notes and no parsing."""

    def __init__(self, rels: Iterable[str]) -> None:
        self.rels = frozenset(rels)

    @cached_property
    def _names(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Rels by file stem (lower-case) and by slug, in rel order; built on the first lookup by name.

        A hot loop at the start of a 20,000-note library: kept plain."""
        by_stem: dict[str, list[str]] = {}
        by_slug: dict[str, list[str]] = {}
        slug_like = _SLUG_LIKE
        for rel in sorted(self.rels):
            name = rel[rel.rfind("/") + 1 :]
            dot = name.rfind(".")
            stem = name[:dot] if dot >= 0 else name
            lowered = stem.lower()
            bucket = by_stem.get(lowered)
            if bucket is None:
                by_stem[lowered] = [rel]
            else:
                bucket.append(rel)
            key = lowered if lowered == stem and slug_like(lowered) else slug(stem)
            bucket = by_slug.get(key)
            if bucket is None:
                by_slug[key] = [rel]
            else:
                bucket.append(rel)
        return by_stem, by_slug

    @cached_property
    def _squashed(self) -> dict[str, list[str]]:
        """Rels by squashed stem; built only when a link has missed by stem and slug."""
        by_squash: dict[str, list[str]] = {}
        for stems in self._names[0].values():
            for rel in stems:
                by_squash.setdefault(squash(_stem_of(rel)), []).append(rel)
        for bucket in by_squash.values():
            bucket.sort()
        return by_squash

    def by_stem(self, stem: str) -> list[str]:
        return list(self._names[0].get(stem.lower(), ()))

    def by_slug(self, text: str) -> list[str]:
        return list(self._names[1].get(slug(text), ()))

    def resolve(self, target: str, source: str | None = None) -> str | None:
        """The rel `target` names when linked from the note at `source`; an empty target is the source."""
        target = target.strip()
        if not target:
            return source
        folder = posixpath.dirname(source) if source else ""
        rels = self.rels
        for base in dict.fromkeys((folder, "")):
            joined = posixpath.normpath(posixpath.join(base, target))
            if joined.startswith(".."):
                continue
            for candidate in (joined, *(joined + suffix for suffix in NOTE_SUFFIXES)):
                if candidate in rels:
                    return candidate
        name = posixpath.basename(target)
        stem = name.rsplit(".", 1)[0] if name.lower().endswith(NOTE_SUFFIXES) else name
        by_stem, by_slug = self._names
        for candidates in (by_stem.get(stem.lower()), by_slug.get(slug(stem))):
            if candidates:
                return _best(candidates, stem, folder)
        squashed = squash(stem)
        candidates = self._squashed.get(squashed) if squashed else None
        return _best(candidates, stem, folder) if candidates else None


def _stem_of(rel: str) -> str:
    name = rel[rel.rfind("/") + 1 :]
    dot = name.rfind(".")
    return name[:dot] if dot >= 0 else name


def _best(candidates: list[str], stem: str, folder: str) -> str:
    """The file named exactly as linked (`acquiredfm.md` over `acquiredFM.md`), then one in the linking
    note's folder, then the first."""
    if len(candidates) == 1:
        return candidates[0]
    return min(candidates, key=lambda rel: (_stem_of(rel) != stem, posixpath.dirname(rel) != folder))
