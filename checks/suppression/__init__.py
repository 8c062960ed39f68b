"""SUP: the suppressions themselves - a reason missing, a date passed, nothing matched, not understood.

These rules are the tool's own, not the catalogue's: the catalogue has no rule about suppressions,
so they take a family of their own (SUP) rather than an ID of another family. They inspect each
suppression comment and annotation after the findings of the scan were matched against it
(target SUPPRESSION), so they are selected, ignored, re-ranked and baselined like any rule. They
cannot themselves be suppressed inline; use `ignore` or `overrides` in the configuration.
"""

from checks.suppression.expired import suppression_expired
from checks.suppression.invalid import suppression_invalid
from checks.suppression.unused import suppression_unused
from checks.suppression.without_reason import suppression_without_reason

RULES = (
    suppression_without_reason,
    suppression_expired,
    suppression_unused,
    suppression_invalid,
)
