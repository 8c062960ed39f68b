"""IMG rules."""

from __future__ import annotations

from typing import Any

from tests.conftest import where


def test_img001_explicit_root_user(lint: Any) -> None:
    found = lint({"Dockerfile": "FROM alpine:3.20\nUSER 1000\nUSER root\n"}, "IMG001")
    assert where(found) == [("IMG001", "Dockerfile", 3, 1)]


def test_img001_no_user_and_root_base(lint: Any) -> None:
    found = lint(
        {"app/Dockerfile": "FROM golang:1.23 AS build\nUSER 1000\nFROM alpine:3.20\nCOPY --from=build /a /a\n"},
        "IMG001",
    )
    assert where(found) == [("IMG001", "app/Dockerfile", 3, 1)]


def test_img001_final_stage_only_and_inheritance(lint: Any) -> None:
    dockerfile = "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nRUN true\n"
    assert lint({"Dockerfile": dockerfile}, "IMG001") == []
    builder_root = "FROM golang:1.23 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n"
    assert lint({"Dockerfile": builder_root}, "IMG001") == []


def test_img001_arg_substitution(lint: Any) -> None:
    found = lint({"Dockerfile": "FROM alpine:3.20\nARG RUNTIME_USER=0:0\nUSER ${RUNTIME_USER}\n"}, "IMG001")
    assert len(found) == 1 and "'0:0'" in found[0].message
    assert lint({"Dockerfile": "FROM alpine:3.20\nUSER ${WHO}\n"}, "IMG001") == []


def test_img001_nonroot_base_images(lint: Any) -> None:
    assert lint({"Dockerfile": "FROM gcr.io/distroless/static:nonroot\n"}, "IMG001") == []
    custom = lint({"Dockerfile": "FROM ghcr.io/acme/base:2\n"}, "IMG001", nonroot_base_images=["ghcr.io/acme/*"])
    assert custom == []
