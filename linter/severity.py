"""Finding severities, ordered so that comparisons read naturally (CRITICAL > LOW)."""

from __future__ import annotations

from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4
    CRITICAL = 5

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Parse a severity name; raises ValueError naming the allowed values."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (allowed: {', '.join(NAMES)})") from None

    def lowered(self) -> Severity:
        """One level lower, never below INFO (catalogue: 'reported one severity level lower')."""
        return Severity(max(self.value - 1, Severity.INFO.value))


NAMES: tuple[str, ...] = tuple(s.label for s in sorted(Severity, reverse=True))
