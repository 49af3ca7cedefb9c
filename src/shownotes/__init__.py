"""shownotes: a terminal reader for libraries of episode notes."""

__version__ = "0.1.0"
