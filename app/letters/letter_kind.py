"""The kinds of letter: a plain enum, cheap to import (the `sodesk` command lists them as choices)."""

from __future__ import annotations

from enum import StrEnum


class LetterKind(StrEnum):
    referral = "referral"
    consult_report_request = "consult_report_request"
    consult_report_overdue = "consult_report_overdue"
    member_approval = "member_approval"
    member_denial = "member_denial"
    member_delay = "member_delay"
    member_financial_responsibility = "member_financial_responsibility"


MEMBER_NOTICES = frozenset({LetterKind.member_approval, LetterKind.member_denial, LetterKind.member_delay,
                            LetterKind.member_financial_responsibility})
