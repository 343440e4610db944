"""Letter texts per language (resources/letters/<code>/*.toml) and the plans' wording (resources/letters/plans.toml).

A language is a folder: `common.toml` (labels, dates, reasons, member rights, plan clauses) plus one file per letter
kind. English must be complete; another language may bring only some kinds: a member notice whose kind is missing
goes out in English with a note. Everything is validated when loaded: unknown keys, missing keys, and `{names}` a
template may not use are refused with the file and key named.

Texts are trusted markup (they may use <b>, <i>); values put into their `{placeholders}` are user text and are
escaped by the renderer before they are substituted.
"""

from __future__ import annotations

import re
import string
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.domain.models import Reason, RequesterType
from app.errors import InputProblem, Problem
from app.letters.model import LetterKind

DEFAULT_LANGUAGE = "en"

# The values a template may name; the renderer fills every one of them (escaped) for every letter.
PLACEHOLDERS = frozenset({
    "case_id", "issued_on", "member_name", "member_first_name", "member_dob", "member_id", "member_language",
    "member_phone", "plan_name", "health_network", "requester", "pcp_name", "care_name", "procedure",
    "professional_name", "professional_npi", "professional_specialty", "professional_phone",
    "professional_address", "consult_date", "consult_by", "auth_number", "auth_valid_from", "auth_valid_to",
    "report_due", "decision_reason", "extension_due", "extension_reason", "practice_name", "practice_phone",
    "practice_fax", "policy", "citation", "requested_language", "page", "pages",
})

LABELS = frozenset({
    "to", "re", "date", "member", "member_name", "date_of_birth", "member_id", "plan", "health_network",
    "language", "phone", "fax", "npi", "address", "requester", "pcp", "care_in_question", "care_from_pcp",
    "care_from_specialist", "procedure", "diagnoses", "reasons", "urgency", "urgent", "routine", "authorization",
    "authorization_number", "valid", "valid_from", "valid_to", "not_given", "page", "request",
    "signature", "name_title", "signed_date", "professional", "specialty", "required_by", "opinion_number",
    "third_opinion", "second_opinion", "language_unavailable", "questions", "footer_case",
})
RIGHTS = frozenset({"heading", "appeal", "grievance", "state_hearing", "imr", "ombudsman", "help", "dmhc_1368_02b"})

# The text keys each letter kind uses (besides `title`).
KIND_KEYS: dict[LetterKind, frozenset[str]] = {
    LetterKind.referral: frozenset({
        "subject", "intro", "member_heading", "request_heading", "authorization_heading", "no_authorization",
        "requirements_heading", "requirements_intro", "report_heading", "report_to_member", "report_to_pcp",
        "report_to_us", "urgent_note", "signature_heading"}),
    LetterKind.consult_report_request: frozenset({
        "subject", "intro", "what_heading", "what", "to_whom_heading", "to_member", "to_pcp", "to_us", "by_when",
        "form_title", "form_intro", "findings", "final_diagnosis", "recommendations", "tests_recommended",
        "signature_heading"}),
    LetterKind.consult_report_overdue: frozenset({
        "subject", "intro", "what", "to_whom_heading", "to_member", "to_pcp", "to_us", "by_when", "form_title",
        "form_intro", "findings", "final_diagnosis", "recommendations", "tests_recommended", "signature_heading"}),
    LetterKind.member_approval: frozenset({
        "greeting", "approved", "ready", "who_heading", "appointment", "no_appointment", "no_cost",
        "transportation", "report", "tests", "questions", "closing", "signature_heading"}),
    LetterKind.member_denial: frozenset({
        "greeting", "decision", "reasons_heading", "criteria_heading", "criteria_intro", "policy", "alternative",
        "closing", "signature_heading"}),
    LetterKind.member_delay: frozenset({
        "greeting", "decision", "missing_heading", "missing", "new_date", "what_you_can_do", "grievance",
        "closing", "signature_heading"}),
    LetterKind.member_financial_responsibility: frozenset({
        "greeting", "decision", "responsibility", "no_cost_option", "closing", "signature_heading"}),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LanguageInfo(_Strict):
    code: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
    name: str = Field(description="in English, as a clerk types it in the member's record: Spanish")
    native_name: str
    aliases: list[str] = Field(default_factory=list, description="other spellings found in member records")


class DateFormat(_Strict):
    months: list[str] = Field(min_length=12, max_length=12)
    pattern: str = Field(description="e.g. '{month} {day}, {year}'")

    def format(self, day) -> str:
        return self.pattern.format(month=self.months[day.month - 1], day=day.day, year=day.year)


class Common(_Strict):
    language: LanguageInfo
    dates: DateFormat
    labels: dict[str, str]
    reasons: dict[Reason, str]
    requester_types: dict[RequesterType, str]
    rights: dict[str, str]
    clauses: dict[str, str]

    @field_validator("labels")
    @classmethod
    def _labels(cls, value: dict[str, str]) -> dict[str, str]:
        return _exactly(value, LABELS, "labels")

    @field_validator("rights")
    @classmethod
    def _rights(cls, value: dict[str, str]) -> dict[str, str]:
        return _exactly(value, RIGHTS, "rights")

    @field_validator("reasons")
    @classmethod
    def _reasons(cls, value: dict) -> dict:
        return _exactly(value, set(Reason), "reasons")

    @field_validator("requester_types")
    @classmethod
    def _requesters(cls, value: dict) -> dict:
        return _exactly(value, set(RequesterType), "requester_types")


class KindTexts(_Strict):
    title: str
    text: dict[str, str]


class LanguagePack(_Strict):
    common: Common
    kinds: dict[LetterKind, KindTexts]

    @property
    def code(self) -> str:
        return self.common.language.code


class Clause(_Strict):
    key: str
    citation: str = Field(min_length=3)


class PlanWording(_Strict):
    """What a plan's letters must say, with the clause that says so."""

    referral_clauses: list[Clause] = Field(min_length=1)
    denial_citation: str
    denial_clauses: list[Clause] = Field(default_factory=list)
    financial_citation: str
    delay_citation: str = "42 CFR 438.210(d)(1)(ii); H&S 1367.01(h)"


class PlansWording(_Strict):
    default: PlanWording
    plans: dict[str, PlanWording] = Field(default_factory=dict)

    def for_plan(self, plan_id: str) -> PlanWording:
        return self.plans.get(plan_id, self.default)

    def clause_keys(self) -> set[str]:
        every = [self.default, *self.plans.values()]
        return {clause.key for wording in every for clause in (*wording.referral_clauses, *wording.denial_clauses)}


def _exactly(value: dict, wanted: set, what: str) -> dict:
    missing = sorted(str(key) for key in set(wanted) - set(value))
    unknown = sorted(str(key) for key in set(value) - set(wanted))
    problems = []
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown {', '.join(unknown)}")
    if problems:
        raise ValueError(f"{what}: " + "; ".join(problems))
    return value


_BARE_AMPERSAND = re.compile(r"&(?!(amp|lt|gt|quot|apos|nbsp|#[0-9]+|#x[0-9a-fA-F]+);)")


def placeholders(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise ValueError(f"bad braces ({error}); write {{{{ and }}}} for literal braces") from None


def letters_dir() -> Path:
    from app.paths import resource_path

    return resource_path("letters")


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputProblem([f"not valid TOML: {error}"], source=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem([f"cannot read the letter texts: {error}"], source=str(path)) from None


def _validated(model, data: dict, path: Path):
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputProblem([Problem(e["msg"], field_path=".".join(map(str, e["loc"])) or None,
                                    label=None if e["loc"] else "(top level)", kind=e["type"])
                            for e in error.errors()], source=str(path)) from None


def _check_templates(texts: dict[str, str], where: str, path: Path) -> list[Problem]:
    problems = []
    for key, template in texts.items():
        try:
            unknown = placeholders(template) - PLACEHOLDERS
        except ValueError as error:
            problems.append(Problem(str(error), field_path=f"{where}.{key}"))
            continue
        if unknown:
            problems.append(Problem(f"unknown placeholder(s) {', '.join(sorted(unknown))}; known: "
                                    f"{', '.join(sorted(PLACEHOLDERS))}", field_path=f"{where}.{key}"))
        if _BARE_AMPERSAND.search(template):
            problems.append(Problem("write & as &amp; (the text is markup)", field_path=f"{where}.{key}"))
    return problems


def load_language(folder: Path, clause_keys: set[str]) -> LanguagePack:
    common_path = folder / "common.toml"
    if not common_path.exists():
        raise InputProblem(["common.toml is missing: a language folder needs it"], source=str(folder))
    common = _validated(Common, _read(common_path), common_path)
    problems = []
    if common.language.code != folder.name:
        problems.append(Problem(f"{common.language.code!r} must match the folder name {folder.name!r}",
                                field_path="language.code"))
    missing_clauses = clause_keys - set(common.clauses)
    if missing_clauses:
        problems.append(Problem(f"missing {', '.join(sorted(missing_clauses))} (named in plans.toml)",
                                field_path="clauses"))
    for table in ("labels", "rights", "clauses"):
        problems += _check_templates(getattr(common, table), table, common_path)
    if problems:
        raise InputProblem(problems, source=str(common_path))
    kinds: dict[LetterKind, KindTexts] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == "common.toml":
            continue
        try:
            kind = LetterKind(path.stem)
        except ValueError:
            raise InputProblem([f"no letter kind {path.stem!r}; kinds: {', '.join(k.value for k in LetterKind)}"],
                               source=str(path)) from None
        texts = _validated(KindTexts, _read(path), path)
        problems = _check_templates({"title": texts.title, **texts.text}, "text", path)
        problems += [Problem(message, field_path="text")
                     for message in _kind_keys(texts.text, KIND_KEYS[kind])]
        if problems:
            raise InputProblem(problems, source=str(path))
        kinds[kind] = texts
    return LanguagePack(common=common, kinds=kinds)


def _kind_keys(text: dict[str, str], wanted: frozenset[str]) -> list[str]:
    try:
        _exactly(text, set(wanted), "keys")
    except ValueError as error:
        return [str(error)]
    return []


class Catalog:
    """Every language folder under resources/letters, plus the plans' wording."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or letters_dir()
        plans_path = directory / "plans.toml"
        self.plans: PlansWording = _validated(PlansWording, _read(plans_path), plans_path)
        clause_keys = self.plans.clause_keys()
        self.languages: dict[str, LanguagePack] = {
            folder.name: load_language(folder, clause_keys)
            for folder in sorted(directory.iterdir()) if folder.is_dir() and not folder.name.startswith((".", "_"))
        }
        english = self.languages.get(DEFAULT_LANGUAGE)
        if english is None:
            raise InputProblem([f"the English texts ({DEFAULT_LANGUAGE}/) are missing"], source=str(directory))
        missing = set(LetterKind) - set(english.kinds)
        if missing:
            raise InputProblem([f"English must have every letter kind; missing {', '.join(sorted(missing))}"],
                               source=str(directory / DEFAULT_LANGUAGE))
        self._aliases: dict[str, str] = {}
        for code, pack in self.languages.items():
            info = pack.common.language
            for alias in (code, info.name, info.native_name, *info.aliases):
                self._aliases[alias.casefold().strip()] = code

    def code_for(self, language: str | None) -> str | None:
        """The folder for a language as written in a member record ('Spanish', 'español', 'es'), if any."""
        if not language:
            return None
        return self._aliases.get(language.casefold().strip())

    def has(self, code: str, kind: LetterKind) -> bool:
        return code in self.languages and kind in self.languages[code].kinds

    def pack(self, code: str) -> LanguagePack:
        try:
            return self.languages[code]
        except KeyError:
            raise InputProblem([f"no letter texts in language {code!r}; available: "
                                f"{', '.join(sorted(self.languages))}"]) from None


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return Catalog()


def language_for(kind: LetterKind, member_language: str | None, catalog: Catalog | None = None) -> tuple[str, bool]:
    """(language code, whether the member's language was unavailable) for a letter of `kind`.

    Member notices go out in the member's language when its texts exist, else in English with a note;
    letters to professionals are in English.
    """
    from app.letters.model import MEMBER_NOTICES

    catalog = catalog or default_catalog()
    if kind not in MEMBER_NOTICES:
        return DEFAULT_LANGUAGE, False
    code = catalog.code_for(member_language)
    if code is not None and catalog.has(code, kind):
        return code, False
    unavailable = bool(member_language) and code != DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE, unavailable
