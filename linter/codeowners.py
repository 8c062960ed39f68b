"""CODEOWNERS files as GitHub and GitLab read them: who owns a path.

Each line is a pattern and its owners (``@user``, ``@org/team``, or an email); the last pattern
that matches a path decides, and a pattern without owners leaves the path unowned. Patterns follow
gitignore: a leading ``/`` anchors at the root, a pattern without ``/`` matches at any depth, a
trailing ``/`` means a directory and everything below, ``*`` stays within one path segment
(``docs/*`` owns ``docs/a.md`` but not ``docs/sub/b.md``), ``**`` crosses segments.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.globs import matches

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")


@dataclass(frozen=True, slots=True)
class OwnerRule:
    pattern: str
    owners: tuple[str, ...]
    line: int

    def matches(self, path: str) -> bool:
        if not matches(path, self.pattern):
            return False
        if self.pattern.endswith("/*") and "**" not in self.pattern:
            # GitHub: `docs/*` owns the directory's own files, not those of its subdirectories.
            return path.count("/") == self.pattern.strip("/").count("/")
        return True


@dataclass(frozen=True, slots=True)
class CodeOwners:
    path: str  # where the file is in the repository
    rules: tuple[OwnerRule, ...]

    @classmethod
    def parse(cls, path: str, text: str) -> CodeOwners:
        rules: list[OwnerRule] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split(" #", 1)[0].strip()
            if not line or line.startswith(("#", "[")):  # comments, GitLab sections
                continue
            pattern, *owners = line.split()
            rules.append(OwnerRule(pattern, tuple(owners), number))
        return cls(path, tuple(rules))

    def owners(self, path: str) -> tuple[str, ...]:
        """The owners of ``path`` (empty: nobody owns it)."""
        found: tuple[str, ...] = ()
        for rule in self.rules:
            if rule.matches(path):
                found = rule.owners
        return found


def is_owner(person: str, owners: tuple[str, ...], teams: dict[str, list[str]]) -> bool:
    """Whether ``person`` (a login, ``@login`` or an email) is among ``owners``, directly or as a
    member of a listed team (``teams`` maps ``@org/team`` to members)."""
    wanted = _identities(person)
    for owner in owners:
        if _normal(owner) in wanted:
            return True
        members = teams.get(owner) or teams.get(owner.lstrip("@")) or []
        if any(_normal(member) in wanted for member in members):
            return True
    return False


def _normal(who: str) -> str:
    return who.strip().lstrip("@").casefold()


_NOREPLY = "@users.noreply.github.com"


def _identities(person: str) -> set[str]:
    """The person, and for a GitHub no-reply address (`login@…` or `ID+login@…`) their login too:
    that is how commits made on GitHub name an author that CODEOWNERS lists as `@login`."""
    normal = _normal(person)
    found = {normal}
    if normal.endswith(_NOREPLY):
        found.add(normal[: -len(_NOREPLY)].rpartition("+")[2])
    return found
