"""Credentials exposed on command lines (SEC014): literal passwords given to login commands,
`curl -u`, `mysql -p`, `PGPASSWORD=`, and secrets passed to image builds as `--build-arg`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._values import is_literal_text, is_secret_key
from linter.shell import Command, parse, pipelines

_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
SECRET_EXPRESSION = re.compile(r"\$\{\{\s*(?:secrets\.|github\.token\b)")
_VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")
_CONTAINER_CLIS = ("docker", "podman", "buildah", "nerdctl")
_MYSQL = ("mysql", "mysqldump", "mysqladmin", "mariadb", "mariadb-dump")
# Scripts without one of these words cannot expose anything this module looks for: not parsed.
_MENTIONS = re.compile(r"login|--build-arg|curl|mysql|mariadb|PGPASSWORD|password-stdin")


@dataclass(slots=True)
class Exposure:
    what: str  # e.g. "docker login --password"
    start: int  # offsets in the script
    end: int


def exposures(script: str) -> Iterator[Exposure]:
    """Every exposure in a shell script (GitHub `${{ }}` expressions are read as variables)."""
    if not _MENTIONS.search(script):
        return
    masked = _EXPRESSION.sub(lambda m: "$" + "_" * (len(m.group(0)) - 1), script)
    commands = parse(masked)
    for command in commands:
        yield from _login_password(command)
        yield from _tool_password(command)
        yield from _build_args(command, script)
        for word in command.prefix:
            yield from _pgpassword(word.text, word.start, "PGPASSWORD=")
        if command.name == "export":
            for word in command.words[1:]:
                yield from _pgpassword(word.text, word.start, "export PGPASSWORD=")
    for group in pipelines(commands).values():
        readers = [c for c in group if c.has("--password-stdin")]
        for reader in readers:
            for producer in group:
                if producer.position < reader.position and producer.name in ("echo", "printf"):
                    words = [w for w in producer.words[1:] if not w.text.startswith("-")]
                    if words and all(_literal(w.text) for w in words):
                        yield Exposure(
                            f"{producer.name} into {reader.name} --password-stdin", words[0].start, words[-1].end
                        )


def _literal(text: str) -> bool:
    return "$" not in text and is_literal_text(text)


def _is_login(command: Command) -> bool:
    args = command.args
    return (
        (command.name in (*_CONTAINER_CLIS, "oras", "skopeo") and args[:1] == ["login"])
        or (command.name == "helm" and args[:2] == ["registry", "login"])
        or (command.name == "crane" and args[:2] == ["auth", "login"])
    )


def _login_password(command: Command) -> Iterator[Exposure]:
    if not _is_login(command):
        return
    words = command.words
    texts = [w.text for w in words]
    login = " ".join(texts[: texts.index("login") + 1])
    for index, word in enumerate(words):
        if word.text in ("-p", "--password") and index + 1 < len(words):
            value = words[index + 1]
            if _literal(value.text):
                yield Exposure(f"{login} {word.text}", value.start, value.end)
        elif word.text.startswith("--password=") and _literal(word.text.partition("=")[2]):
            yield Exposure(f"{login} --password", word.start, word.end)


def _tool_password(command: Command) -> Iterator[Exposure]:
    words = command.words
    if command.name == "curl":
        for index, word in enumerate(words[:-1]):
            if word.text in ("-u", "--user"):
                value = words[index + 1]
                password = value.text.partition(":")[2]
                if password and _literal(password):
                    yield Exposure(f"curl {word.text} user:password", value.start, value.end)
    elif command.name in _MYSQL:
        for word in words[1:]:
            text = word.text
            secret = text[2:] if text.startswith("-p") and not text.startswith("--") else None
            if text.startswith("--password="):
                secret = text.partition("=")[2]
            if secret and _literal(secret):
                yield Exposure(f"{command.name} password option", word.start, word.end)


def _pgpassword(text: str, start: int, what: str) -> Iterator[Exposure]:
    name, sep, value = text.partition("=")
    if sep and name == "PGPASSWORD" and _literal(value):
        yield Exposure(what, start, start + len(text))


def _build_args(command: Command, original: str) -> Iterator[Exposure]:
    words = command.words
    for index, word in enumerate(words):
        if word.text == "--build-arg" and index + 1 < len(words):
            value = words[index + 1]
        elif word.text.startswith("--build-arg="):
            value = word
        else:
            continue
        written = original[value.start : value.end]
        text = value.text.removeprefix("--build-arg=")
        name, sep, assigned = text.partition("=")
        variable = _VARIABLE.match(assigned.strip()) if sep else None
        if SECRET_EXPRESSION.search(written):
            yield Exposure(f"--build-arg {name} from a secret expression", value.start, value.end)
        elif variable is not None and is_secret_key(variable.group(1)):
            yield Exposure(f"--build-arg {name} from the secret variable {variable.group(1)}", value.start, value.end)
        elif not sep and is_secret_key(name):
            yield Exposure(f"--build-arg {name} from the environment", value.start, value.end)
