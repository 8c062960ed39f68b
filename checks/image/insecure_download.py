"""IMG008 insecure-download."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from checks.image._packages import PIP, package_command
from checks.image._run import RunCommand, run_commands
from checks.image._settings import settings, written_texts
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Word

# curl short options that take a value: in a cluster such as `-fsSLo`, what follows is the value.
_CURL_VALUED = frozenset("oudXeAbcEFKHmrTwxyYzCDPQtU")
_FALSE = frozenset({"0", "false", "no", "off"})
_SSLVERIFY_OFF = re.compile(r"\bsslverify\s*=\s*(?:0|false|no)\b", re.IGNORECASE)


def short_flag(word: Word, letter: str, valued: frozenset[str]) -> bool:
    """Whether ``-<letter>`` is set by a short-option word such as `-k` or `-fsSLk`."""
    text = word.text
    if not text.startswith("-") or text.startswith("--") or len(text) < 2:
        return False
    for ch in text[1:]:
        if ch == letter:
            return True
        if ch in valued:
            return False
    return False


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _insecure_setting(name: str, value: str) -> bool:
    upper = name.upper()
    if upper in ("PIP_TRUSTED_HOST", "GIT_SSL_NO_VERIFY", "GOINSECURE"):
        return True
    if upper in ("PYTHONHTTPSVERIFY", "NODE_TLS_REJECT_UNAUTHORIZED"):
        return value.strip() == "0"
    return upper == "NPM_CONFIG_STRICT_SSL" and value.strip().lower() in _FALSE


def _tls_bypass(run: RunCommand) -> Iterator[tuple[Word, str]]:
    command = run.command
    name, args = command.name, command.arg_words
    if name == "curl":
        for word in args:
            if word.text == "--insecure" or short_flag(word, "k", _CURL_VALUED):
                yield word, "curl -k/--insecure skips certificate verification"
    elif name == "wget":
        found = command.find("--no-check-certificate")
        if found is not None:
            yield found, "wget --no-check-certificate skips certificate verification"
    elif name in ("npm", "yarn") and command.args[:2] == ["config", "set"]:
        rest = command.args[2:]
        key, _, value = rest[0].partition("=") if rest else ("", "", "")
        value = value or (rest[1] if len(rest) > 1 else "")
        if key.lower() == "strict-ssl" and value.lower() in _FALSE:
            yield args[2], f"{name} config set strict-ssl false disables certificate verification"
    elif name == "git":
        texts = command.args
        for index, word in enumerate(args):
            key, _, value = word.text.partition("=")
            if index > 0 and texts[index - 1] == "-c" and key.lower() == "http.sslverify" and value.lower() in _FALSE:
                yield word, "git -c http.sslVerify=false disables certificate verification"
            if (
                key.lower() == "http.sslverify"
                and not value
                and index + 1 < len(texts)
                and "config" in texts[:index]
                and texts[index + 1].lower() in _FALSE
            ):
                yield word, "git config http.sslVerify false disables certificate verification"
    found_pip = package_command(command)
    if found_pip is not None and found_pip.manager == PIP:
        trusted = command.find("--trusted-host")
        if trusted is not None:
            yield trusted, "pip --trusted-host accepts the index without a valid certificate"


def _plain_http(run: RunCommand) -> Iterator[Word]:
    command = run.command
    candidates: list[Word] = []
    if command.name in ("curl", "wget") or (command.name == "git" and "clone" in command.args):
        candidates = command.arg_words
    else:
        found = package_command(command)
        if found is not None and found.manager == PIP:
            for option in ("--index-url", "--extra-index-url", "-i"):
                value = command.option_word(option)
                if value is not None:
                    candidates.append(value[1])
    for word in candidates:
        url = word.text.partition("=")[2] if word.text.startswith("--") else word.text
        if url.lower().startswith("http://") and not is_loopback(url):
            yield word


@Rule(
    id="IMG008",
    slug="insecure-download",
    title="A download or package source disables TLS verification or uses plain HTTP.",
    severity=Severity.HIGH,
    nist=("4.1.3", "4.2.1"),
    target=Target.DOCKERFILE,
    summary="""
        Reports TLS verification turned off during the build: `curl -k`/`--insecure` (also inside
        `-fsSLk`), `wget --no-check-certificate`, pip `--trusted-host`, `npm|yarn config set
        strict-ssl false`, `git config http.sslVerify false` / `git -c http.sslVerify=false`, a
        yum/dnf `sslverify=0` (via `--setopt` or written to a repo file), and the variables
        `PIP_TRUSTED_HOST`, `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
        `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY`, `GOINSECURE` set by ENV, ARG or inline.
        Also reports `curl`, `wget`, `git clone` and pip index URLs over plain `http://` to a host
        that is not loopback.
        """,
    rationale="""
        Without TLS verification anyone on the network path can replace what the build downloads,
        and the image carries their code with no trace in the repository.
        """,
    fix="Remove the bypass and use HTTPS; install the needed CA certificate instead of disabling verification.",
    bad="""
        FROM python:3.12.7-slim
        ENV PIP_TRUSTED_HOST=pypi.internal.example
        RUN curl -fsSLk https://tools.example.com/tool -o /usr/local/bin/tool \\
            && pip install --index-url http://pypi.internal.example/simple app==1.4.2
        """,
    good="""
        FROM python:3.12.7-slim
        COPY internal-ca.crt /usr/local/share/ca-certificates/internal-ca.crt
        RUN update-ca-certificates \\
            && curl -fsSL https://tools.example.com/tool -o /usr/local/bin/tool \\
            && pip install --index-url https://pypi.internal.example/simple app==1.4.2
        """,
    example_lang="dockerfile",
    notes="""
        HTTP apt/yum repository definitions are not reported: those package managers verify
        signatures (disabling that is IMG009). ADD URLs are IMG006's. Checkov's CKV2_DOCKER_2..6 and
        12..16 look for the same switches as substrings; here they must be real options of the
        named command, so `echo "curl -k"` is not reported.
        """,
    refs=(
        "CKV2_DOCKER_2",
        "CKV2_DOCKER_3",
        "CKV2_DOCKER_4",
        "CKV2_DOCKER_5",
        "CKV2_DOCKER_6",
        "CKV2_DOCKER_12",
        "CKV2_DOCKER_13",
        "CKV2_DOCKER_14",
        "CKV2_DOCKER_15",
        "CKV2_DOCKER_16",
    ),
)
def insecure_download(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for setting in settings(dockerfile):
        if _insecure_setting(setting.name, setting.value):
            yield Violation(
                f"{setting.describe()} disables TLS verification; remove it and trust the right CA instead",
                at=setting.at,
                evidence=f"setting {setting.name}",
            )
    for run in run_commands(dockerfile):
        for word, what in _tls_bypass(run):
            yield Violation(f"{what}; remove it and use HTTPS with a trusted CA", at=run.at(word), evidence=what)
        for word in _plain_http(run):
            url = word.text.partition("=")[2] if word.text.startswith("--") else word.text
            host = urlsplit(url).hostname or url
            yield Violation(
                f"{run.command.name} downloads from {host!r} over plain HTTP; use https://",
                at=run.at(word),
                evidence=f"http {run.command.name} {url}",
            )
    for written in written_texts(dockerfile):
        for match in _SSLVERIFY_OFF.finditer(written.text):
            yield Violation(
                "a package repository is configured with sslverify off; remove it and trust the right CA",
                at=written.at(match.start(), match.end()),
                evidence=f"sslverify {match.group(0)}",
            )
