"""One module per letter kind; each has `story(context) -> list of flowables`."""

from app.letters.kinds import (
    consult_report_overdue,
    consult_report_request,
    member_approval,
    member_delay,
    member_denial,
    member_financial_responsibility,
    referral,
)
from app.letters.model import LetterKind

MODULES = {
    LetterKind.referral: referral,
    LetterKind.consult_report_request: consult_report_request,
    LetterKind.consult_report_overdue: consult_report_overdue,
    LetterKind.member_approval: member_approval,
    LetterKind.member_denial: member_denial,
    LetterKind.member_delay: member_delay,
    LetterKind.member_financial_responsibility: member_financial_responsibility,
}
