"""Compare the findings of two trees by fingerprint: which findings are new, which were fixed.

Fingerprints are compared as multisets: when a fingerprint occurs twice after and once before,
one of the two is new. Which of equal fingerprints counts as the old one does not matter to the
gate; the first ones in report order are taken as old.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from linter.finding import Finding


@dataclass(slots=True)
class Comparison:
    new: list[Finding] = field(default_factory=list)  # in `after`, not in `before`
    unchanged: list[Finding] = field(default_factory=list)  # in both
    fixed: list[Finding] = field(default_factory=list)  # in `before`, not in `after`


def compare(before: Sequence[Finding], after: Sequence[Finding]) -> Comparison:
    result = Comparison()
    remaining = Counter(f.fingerprint for f in before)
    for finding in sorted(after, key=Finding.sort_key):
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            result.unchanged.append(finding)
        else:
            result.new.append(finding)
    for finding in sorted(before, key=Finding.sort_key, reverse=True):
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            result.fixed.append(finding)
    result.fixed.sort(key=Finding.sort_key)
    return result
