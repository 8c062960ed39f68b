"""Profiles: named rule sets that match what people already know (config `profile:`).

`baseline` and `restricted` are the Pod Security Standards levels. For the CTR and HOST families
they enable exactly the rules that implement a control of that level (restricted includes
baseline), whether those rules are on by default or not, and turn the family's other rules off;
every other family keeps its default rules. `all` enables every rule.

A rule belongs to a level when what it reports violates a control of that level:

- baseline: privileged (CTR001), capabilities outside the baseline set (CTR009), seccomp
  `Unconfined` (CTR011), AppArmor (CTR012), SELinux (CTR013), /proc mount (CTR014), Windows
  HostProcess (CTR015), probe and lifecycle hosts (CTR016), host namespaces (HOST001-HOST003),
  host ports (HOST004), hostPath volumes (HOST005, and HOST006/HOST007 which report the sensitive
  ones in its place), sysctls (HOST009).
- restricted adds: privilege escalation (CTR002), running as non-root (CTR003, CTR004), dropping
  ALL capabilities (CTR007), adding only NET_BIND_SERVICE (CTR008), volume types (HOST010).

CTR011 also reports a missing RuntimeDefault/Localhost profile, a restricted control; it is in
baseline for its `Unconfined` case, so under `baseline` that restricted case is reported too
(rules may read `ctx.config.profile` to narrow such a case). Rules beyond PSS - read-only root
filesystem, NET_RAW, resource limits, writable host mounts (HOST008), node takeover patterns
(HOST012) and the like - are not in either level: add them with `extend_select`.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.rule import Rule

PSS_FAMILIES = frozenset({"CTR", "HOST"})
PSS_BASELINE = frozenset(
    {
        "CTR001",
        "CTR009",
        "CTR011",
        "CTR012",
        "CTR013",
        "CTR014",
        "CTR015",
        "CTR016",
        "HOST001",
        "HOST002",
        "HOST003",
        "HOST004",
        "HOST005",
        "HOST006",
        "HOST007",
        "HOST009",
    }
)
PSS_RESTRICTED = PSS_BASELINE | {"CTR002", "CTR003", "CTR004", "CTR007", "CTR008", "HOST010"}
LEVELS = {"baseline": PSS_BASELINE, "restricted": PSS_RESTRICTED}


def profile_rules(profile: str, registry: Sequence[Rule]) -> list[str]:
    """The IDs of the rules a profile enables (before `extend_select` and `ignore`)."""
    if profile == "all":
        return [rule.id for rule in registry]
    level = LEVELS[profile]
    return [rule.id for rule in registry if (rule.id in level if rule.family in PSS_FAMILIES else rule.default)]
