"""SEC020 slack-token."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC020",
    slug="slack-token",
    title="A Slack token or incoming-webhook URL is committed.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds Slack API tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxe-`), app-level
        tokens (`xapp-`) and incoming-webhook URLs (`https://hooks.slack.com/services|workflows|triggers/...`)
        in every text file and in base64-decoded Secret and ConfigMap values.
        """,
    rationale="""
        A Slack token reads and posts as the bot or user; a webhook URL lets anyone post into the
        channel, a convenient way to phish the team that trusts its alerts.
        """,
    fix="Revoke it in Slack and load it from a secret store.",
    bad="""
        receivers:
          - name: on-call
            slack_configs:
              - api_url: https://hooks.slack.com/services/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
        """,
    good="""
        receivers:
          - name: on-call
            slack_configs:
              - api_url_file: /etc/alertmanager/secrets/slack-webhook/url
        """,
    example_path="monitoring/alertmanager.yml",
    superseded_by=VALUE_RULES,
    refs=("gitleaks slack-*",),
)
def slack_token(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations("SEC020", source, ctx, "revoke it in Slack and load it from a secret store")
