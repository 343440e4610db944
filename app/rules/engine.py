"""The determination engine: request + plan profile + directory view + calendar -> determination.

Pure: no I/O, no clock, no Qt. Everything it knows comes in through its arguments, and every finding cites
the plan clause or the law it applies, so a clerk and an auditor can see why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from typing import Protocol

from app.domain.directory import DirectoryView
from app.domain.members import MemberCoverage
from app.domain.models import (
    Alternative,
    CareFrom,
    Determination,
    Finding,
    Provider,
    Reason,
    Request,
    RequesterType,
    Severity,
)
from app.domain.time import LOS_ANGELES, format_pacific
from app.rules.calendar import DEFAULT_CALENDAR, BusinessCalendar
from app.rules.network import (
    Membership,
    membership,
    preferred_health_network,
    qualified_alternatives,
    qualifying_taxonomies,
    required_health_network,
    treating_npis,
)
from app.rules.profiles import AuthorizationRule, PlanProfile, RequesterRule

ENGINE_VERSION = "1.0.0"
ALTERNATIVES_LIMIT = 5
QUALIFIED_PROFESSIONAL = "H&S 1383.15 (appropriately qualified health care professional)"
SEVERITY_ORDER = {Severity.block: 0, Severity.warning: 1, Severity.info: 2}


class SpecialtyTable(Protocol):
    """What the engine needs of the NUCC taxonomy (app.codes.taxonomy.TaxonomyTable provides it)."""

    def equivalents(self, code: str) -> frozenset[str]: ...

    def primary_care_codes(self) -> frozenset[str]: ...

    def name(self, code: str) -> str | None: ...


def add_elapsed_hours(start: datetime, hours: int) -> datetime:
    """Elapsed hours, not wall-clock hours: 72 hours across a DST change is still 72 real hours."""
    return (start.astimezone(timezone.utc) + timedelta(hours=hours)).astimezone(LOS_ANGELES)


@dataclass
class _Work:
    request: Request
    plan: PlanProfile
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, severity: Severity, message: str, citation: str) -> None:
        self.findings.append(Finding(rule=rule, severity=severity, message=message, citation=citation))


def evaluate(
    request: Request,
    plan: PlanProfile,
    directory: DirectoryView,
    specialties: SpecialtyTable,
    calendar: BusinessCalendar = DEFAULT_CALENDAR,
    coverage: MemberCoverage | None = None,
    plan_names: dict[str, str] | None = None,
) -> Determination:
    """Decide eligibility, network, authorization and deadlines for one request under one plan. `coverage`:
    what the member roster knows of the member ID (None: no roster loaded); `plan_names` names other plans in
    what it says."""
    if request.plan != plan.id:
        raise ValueError(f"request is for {request.plan!r} but the profile is {plan.id!r}")
    work = _Work(request, plan)

    requester_ok = _check_requester(work)
    criteria_met, criteria_verdict = _check_criteria(work)
    in_service_area = _check_service_area(work)
    covered = _check_coverage(work, coverage, plan_names or {})
    if not requester_ok:
        eligible = "no"
    elif criteria_verdict == "yes" and in_service_area and covered:
        eligible = "yes"
    else:
        eligible = "review"

    network = _check_network(work, directory, specialties)
    authorization = _authorization_rule(work, network.status)
    _report_authorization(work, authorization, network.status)
    decision_due, consult_due = _deadlines(work, authorization.required, calendar)
    _report_cost_and_obligations(work, network.status, authorization.required)
    if not request.diagnoses:
        work.add(
            "request.diagnosis_missing",
            Severity.warning,
            "Add the diagnosis (ICD-10-CM) the opinion is about: the professional must be qualified for that "
            "condition.",
            QUALIFIED_PROFESSIONAL,
        )

    findings = sorted(work.findings, key=lambda finding: SEVERITY_ORDER[finding.severity])
    return Determination(
        eligible=eligible,
        criteria_met=criteria_met,
        network=network.status,
        provider_qualified=network.qualified,
        authorization_required=authorization.required,
        decision_due=decision_due,
        consult_due=consult_due,
        member_cost=0,
        alternatives=[_alternative(provider, specialties) for provider in network.alternatives],
        findings=findings,
        plan=plan.id,
        plan_name=plan.name,
        policy_revision=plan.policy_revision,
        engine_version=ENGINE_VERSION,
        received_at=request.received_at,
        authorizer=authorization.authorizer if authorization.required else None,
    )


# --- who may ask ---------------------------------------------------------------------------------------------


def _requester_rule(work: _Work) -> tuple[RequesterRule, str]:
    rules = work.plan.requesters
    kind = work.request.requester.type
    if kind == RequesterType.pcp:
        # The PCP treats the member: about the PCP's own care, and as the physician coordinating a specialist's.
        if work.request.care_in_question.from_ == CareFrom.pcp:
            return rules.treating_provider, "the member's PCP, whose care is in question (a treating provider)"
        return rules.treating_provider, "the member's PCP, who treats the member and coordinates the specialist's care"
    labels = {
        RequesterType.member: (rules.member, "the member"),
        RequesterType.authorized_representative: (rules.authorized_representative, "an authorized representative"),
        RequesterType.treating_provider: (rules.treating_provider, "a treating provider"),
        RequesterType.other_provider: (rules.other_provider, "a provider who is not treating the member"),
    }
    return labels[kind]


def _check_requester(work: _Work) -> bool:
    rule, who = _requester_rule(work)
    if rule.allowed:
        work.add("requester.allowed", Severity.info, f"{work.plan.short_name} accepts a request from {who}.",
                 rule.citation)
        return True
    detail = f" {rule.message}" if rule.message else ""
    work.add(
        "requester.not_allowed",
        Severity.block,
        f"{work.plan.short_name} does not accept this request from {who}.{detail} "
        f"Who may ask: {work.plan.requesters.who_may_ask}. Take the request from one of them.",
        rule.citation,
    )
    return False


# --- why: the criteria ---------------------------------------------------------------------------------------


def _check_criteria(work: _Work) -> tuple[list[Reason], str]:
    request, plan = work.request, work.plan
    reasons = list(dict.fromkeys(request.reasons))
    met: list[Reason] = []
    for reason in reasons:
        if reason in (Reason.other, Reason.conflicting_recommendations):
            continue
        criterion = plan.criterion(reason)
        if criterion is None:
            work.add("criteria.not_listed", Severity.warning,
                     f"{plan.short_name}'s policy does not list the reason '{reason.value}'; a reviewer decides.",
                     plan.not_limited_to.citation)
            continue
        if criterion.requires_serious_condition and not request.serious_condition:
            work.add(
                "criteria.serious_condition_gate",
                Severity.warning,
                f"This reason counts only for a serious condition: \"{criterion.wording}\" If the member's "
                "condition is that serious, tick 'Serious condition'; if not, a reviewer decides.",
                criterion.citation,
            )
            continue
        met.append(reason)
        asked_by = _someone_else_asked(request)
        if criterion.member_request and asked_by:
            work.add(
                "criteria.member_request_to_confirm",
                Severity.warning,
                f"Meets the criterion once the member's own request is confirmed: {criterion.condition} "
                f"{asked_by} asked, and this clause also needs the member's request (\"{criterion.member_request}\"): "
                "confirm with the member that they want the second opinion.",
                criterion.citation,
            )
            continue
        work.add("criteria.met", Severity.info, f"Meets the criterion: {criterion.wording}", criterion.citation)

    if Reason.other in reasons:
        described = f" ({request.other_reason})" if request.other_reason else ""
        work.add(
            "criteria.other",
            Severity.warning,
            f"The reason 'other'{described} is not one of the listed criteria. The list is not exhaustive, so a "
            "reviewer decides.",
            plan.not_limited_to.citation,
        )
        if not request.other_reason:
            work.add("criteria.other_reason_missing", Severity.warning,
                     "Describe the 'other' reason so the reviewer can decide.", plan.not_limited_to.citation)

    if request.opinion_number == 3:
        return met, _check_third_opinion(work, met)

    if Reason.conflicting_recommendations in reasons:
        work.add(
            "third_opinion.needs_opinion_3",
            Severity.warning,
            "'The first two opinions differ' is a reason for a third opinion: set the opinion number to 3, or "
            "choose another reason.",
            plan.third_opinion.citation,
        )
    if met:
        return met, "yes"
    if not reasons:
        work.add("criteria.none_given", Severity.warning,
                 "No reason is recorded: tick the member's reason(s) for wanting a second opinion.",
                 plan.not_limited_to.citation)
    elif not any(reason == Reason.other for reason in reasons):
        work.add("criteria.none_met", Severity.warning,
                 "No listed criterion is met as entered. The list is not exhaustive, so a reviewer decides.",
                 plan.not_limited_to.citation)
    return met, "review"


def _someone_else_asked(request: Request) -> str | None:
    """Who asked, in words, when it was not the member (nor their representative, who acts in their place)."""
    requester = request.requester
    labels = {
        RequesterType.treating_provider: "A treating provider",
        RequesterType.pcp: "The member's PCP",
        RequesterType.other_provider: "A provider who is not treating the member",
    }
    label = labels.get(requester.type)
    if label is None:
        return None
    return f"{label} ({requester.name})" if requester.name else label


def _check_third_opinion(work: _Work, met: list[Reason]) -> str:
    request, rule = work.request, work.plan.third_opinion
    if Reason.conflicting_recommendations in request.reasons and not request.prior_opinions_differ:
        work.add(
            "third_opinion.contradictory",
            Severity.warning,
            "The request gives the reason 'the first two opinions differ' (reasons: conflicting_recommendations) "
            "but does not say that they differ (prior_opinions_differ is not set): which is true? If the first "
            "two opinions differ on the need for a procedure, set prior_opinions_differ (in the form: tick 'The "
            "first two opinions differ'); if they do not, remove that reason. Until then a reviewer decides.",
            rule.citation,
        )
        return "review"
    differ = request.prior_opinions_differ
    if differ and rule.when_prior_opinions_differ == "authorize" and not request.procedure:
        work.add(
            "third_opinion.procedure_missing",
            Severity.warning,
            "A third opinion is owed when the first two opinions differ on the need for a medical procedure: "
            "enter the procedure. Without it, a reviewer decides.",
            rule.citation,
        )
        work.add("third_opinion.review", Severity.warning,
                 "A third opinion beyond that rule is the plan's independent decision; a reviewer decides.",
                 rule.otherwise_citation)
        return "review"
    if differ and rule.when_prior_opinions_differ == "authorize":
        met.append(Reason.conflicting_recommendations)
        work.add(
            "third_opinion.prior_opinions_differ",
            Severity.info,
            "The first and second opinions differ on the need for a procedure, so a third opinion is "
            "authorized on request.",
            rule.citation,
        )
        return "yes"
    if differ:
        work.add(
            "third_opinion.review",
            Severity.warning,
            f"A third opinion is {work.plan.short_name}'s own decision even when the first two opinions differ; "
            "a reviewer decides.",
            rule.citation,
        )
    else:
        work.add(
            "third_opinion.review",
            Severity.warning,
            "A third opinion when the first two opinions do not differ is the plan's independent decision; "
            "a reviewer decides.",
            rule.otherwise_citation,
        )
    return "review"


def _check_service_area(work: _Work) -> bool:
    area = work.plan.service_area
    if area is None:
        return True
    county = work.request.county
    counties = ", ".join(area.counties)
    if not county:
        work.add("plan.county_missing", Severity.warning,
                 f"Enter the member's county: {work.plan.short_name}'s policy applies only in {counties}. Until "
                 "then a reviewer must confirm it applies.", area.citation)
        return False
    wanted = county.casefold().removesuffix(" county").strip()
    if wanted in {name.casefold() for name in area.counties}:
        return True
    work.add(
        "plan.outside_service_area",
        Severity.warning,
        f"{work.plan.short_name}'s policy ({work.plan.policy_revision}) applies to Medi-Cal in {counties}, not "
        f"{county}. A reviewer must confirm which policy applies.",
        area.citation,
    )
    return False


# --- whose member: the roster ----------------------------------------------------------------------------------


def _check_coverage(work: _Work, coverage: MemberCoverage | None, plan_names: dict[str, str]) -> bool:
    """Whether the roster agrees the member is the plan's, and of the health network entered, on the day of
    receipt; False (a reviewer confirms) when it says otherwise. No roster, or none of this plan loaded and no
    coverage under another: nothing is said."""
    request, plan = work.request, work.plan
    if coverage is None or (not coverage.spans and request.plan not in coverage.rostered_plans):
        return True
    day = request.received_at.astimezone(LOS_ANGELES).date()
    shown_day = f"{day:%m/%d/%Y}"
    why_plan = (f"{plan.short_name}'s policy ({plan.policy_revision}) is for its own members: under another plan, "
                "another plan's policy, network and deadlines decide the request.")
    if not coverage.spans:
        work.add("member.not_on_roster", Severity.warning,
                 f"Member ID {request.member.member_id} is not on the {plan.short_name} roster this desk loaded. "
                 f"Check the ID against the member's card, or ask {plan.short_name} whether the member is enrolled. "
                 + why_plan, plan.membership.citation)
        return False
    today = coverage.on(day)
    if not today:
        work.add("member.no_coverage_on_receipt", Severity.warning,
                 f"The roster shows no coverage for this member on {shown_day}, the day the request was received. "
                 "Confirm the member's eligibility with the plan before the request is decided: a second opinion "
                 "is a benefit of the member's coverage. " + why_plan, plan.membership.citation)
        return False
    mine = [span for span in today if span.plan == request.plan]
    if not mine:
        other = today[0].plan
        work.add("member.other_plan", Severity.warning,
                 f"On {shown_day} the roster has this member under {plan_names.get(other, other)}, not "
                 f"{plan.name}. If the roster is right, change the plan: " + why_plan, plan.membership.citation)
        return False
    entered = (request.member.health_network or "").strip()
    networks = {span.health_network for span in mine if span.health_network}
    if entered and networks and entered.casefold() not in {network.casefold() for network in networks}:
        rostered = ", ".join(sorted(networks))
        work.add("member.other_health_network", Severity.warning,
                 f"The roster has this member in health network {rostered}, not {entered}, on {shown_day}. The "
                 "member's own health network authorizes the request and refers within its network: under the "
                 "wrong one, the wrong group decides and the professionals offered may be outside the member's "
                 "network. If the roster is right, change the health network.",
                 plan.membership.health_network_citation)
        return False
    return True


# --- where: the network --------------------------------------------------------------------------------------


@dataclass
class _Network:
    status: str | None = None
    qualified: bool | None = None
    alternatives: list[Provider] = field(default_factory=list)


def _check_network(work: _Work, directory: DirectoryView, specialties: SpecialtyTable) -> _Network:
    request, plan = work.request, work.plan
    care = request.care_in_question
    pcp_care = care.from_ == CareFrom.pcp
    requester = request.requester
    treating = treating_npis(care_from=care.from_, care_npi=care.npi, pcp_npi=request.pcp.npi,
                             requester_type=requester.type, requester_npi=requester.npi)
    result = _Network()

    group = required_health_network(plan, care.from_, request.member.health_network)
    prefer = preferred_health_network(plan, care.from_, request.member.health_network)
    taxonomies = qualifying_taxonomies(specialties, care.from_, care.taxonomy)
    if pcp_care:
        if plan.network.pcp_care.scope == "health_network":
            if not group:
                work.add("network.health_network_missing", Severity.warning,
                         "Enter the member's health network (medical group / IPA): a second opinion about the "
                         "PCP's care comes from within it.", plan.network.pcp_care.citation)
        scope_citation = plan.network.pcp_care.citation
    else:
        scope_citation = plan.network.specialist_care.citation
        if taxonomies is None:
            work.add("network.specialty_unknown", Severity.warning,
                     "Enter the specialty (NUCC taxonomy) of the care in question, so the app can check and offer "
                     "professionals of the same or an equivalent specialty.", scope_citation)

    chosen_npi = request.requested_provider_npi
    chosen = directory.get(chosen_npi) if chosen_npi else None
    problems = False
    if chosen_npi and chosen_npi in treating:
        result.qualified = False
        problems = True
        work.add("network.treating_provider", Severity.block,
                 "The second opinion must come from a professional other than the one whose care is in question. "
                 "Choose someone else.", scope_citation)

    if chosen_npi and chosen is None:
        result.status = "unknown"
        work.add(
            "network.provider_not_in_directory",
            Severity.warning,
            f"NPI {chosen_npi} is not in the provider directory, so its network status is unknown. Check it "
            "with the plan; until then it is treated as out of network.",
            plan.network.out_of_network.citation,
        )
    elif chosen is not None:
        result.status = "out" if membership(chosen, plan.id, group) == Membership.out_of_network else "in"
        problems |= _check_chosen(work, chosen, group, taxonomies, specialties, scope_citation, result)
        if pcp_care and prefer and result.status == "in" and prefer not in chosen.groups:
            work.add(
                "network.outside_members_group",
                Severity.info,
                f"{chosen.display_name} is in the {plan.short_name} network but not in the member's health network "
                f"({prefer}): {plan.short_name} lets the member choose any qualified professional in its network "
                "for a second opinion about the PCP's care.",
                scope_citation,
            )

    if not directory.has_plan(plan.id):
        work.add("network.directory_empty", Severity.warning,
                 f"The provider directory lists nobody in the {plan.short_name} network, so the app cannot tell who "
                 "is in network or offer alternatives. Import the plan's directory (sodesk providers import).",
                 plan.network.out_of_network.citation)
        return result
    wants_alternatives = (chosen_npi is None or result.status != "in" or problems) and taxonomies is not None
    if wants_alternatives:
        exclude = treating | ({chosen_npi} if chosen_npi else set())
        result.alternatives = qualified_alternatives(
            directory, plan=plan.id, taxonomies=taxonomies, group=group, prefer=prefer, exclude=exclude,
            language=request.member.language, limit=ALTERNATIVES_LIMIT,
        )
    _report_alternatives(work, result, chosen_npi, wants_alternatives)
    return result


def _check_chosen(
    work: _Work,
    chosen: Provider,
    group: str | None,
    taxonomies: frozenset[str] | None,
    specialties: SpecialtyTable,
    scope_citation: str,
    result: _Network,
) -> bool:
    """Check the chosen professional; return True when something must change."""
    plan, request = work.plan, work.request
    name = chosen.display_name
    problems = False
    pcp_care = request.care_in_question.from_ == CareFrom.pcp
    if membership(chosen, plan.id, group) == Membership.outside_health_network:
        problems = True
        work.add(
            "network.outside_health_network",
            Severity.warning,
            f"{name} is in the {plan.short_name} network but not in the member's health network ({group}). A "
            "second opinion about the PCP's care comes from within the member's own health network.",
            scope_citation,
        )
    unsure = False
    if pcp_care and taxonomies is not None and chosen.taxonomy not in taxonomies:
        unsure = True
        theirs = specialties.name(chosen.taxonomy or "") or chosen.specialty or "another specialty"
        work.add("network.confirm_qualified", Severity.warning,
                 f"{name} ({theirs}) is not a primary-care professional: confirm they have the training and "
                 "expertise for this condition before referring.", QUALIFIED_PROFESSIONAL)
    if not pcp_care and taxonomies is not None:
        wanted = specialties.name(request.care_in_question.taxonomy or "") or request.care_in_question.taxonomy
        theirs = specialties.name(chosen.taxonomy or "") or chosen.specialty or chosen.taxonomy or "unknown"
        if chosen.taxonomy in taxonomies:
            work.add("network.same_specialty", Severity.info,
                     f"{name} ({theirs}) is of the same or an equivalent specialty as the care in question "
                     f"({wanted}).", scope_citation)
        else:
            problems = True
            work.add("network.different_specialty", Severity.warning,
                     f"{name} ({theirs}) is not of the same or an equivalent specialty as the care in question "
                     f"({wanted}). Choose a professional of that specialty.", scope_citation)
    oon = plan.network.out_of_network
    if result.status == "out" and oon.medi_cal_certified_required and not chosen.medi_cal_certified:
        problems = True
        work.add("network.not_medi_cal_certified", Severity.block,
                 f"{name} is out of network and not Medi-Cal certified: {plan.short_name} pays for an "
                 "out-of-network second opinion only from a Medi-Cal certified provider.",
                 oon.certified_citation or oon.citation)
    if result.qualified is None:
        if problems:
            result.qualified = False
        elif not unsure and (pcp_care or taxonomies is not None):
            result.qualified = True
    return problems


def _report_alternatives(work: _Work, result: _Network, chosen_npi: str | None, searched: bool) -> None:
    plan = work.plan
    oon = plan.network.out_of_network
    if not searched:
        return
    if result.alternatives:
        names = "; ".join(provider.display_name for provider in result.alternatives[:3])
        if result.status in ("out", "unknown"):
            work.add(
                "network.in_network_available",
                Severity.warning,
                f"The {plan.short_name} network has qualified professionals (e.g. {names}). An out-of-network "
                f"second opinion is for when no one in the network is qualified; {oon.unauthorized_cost_message}.",
                f"{oon.citation}; {oon.unauthorized_cost_citation}",
            )
        elif chosen_npi is None:
            work.add("network.choose_professional", Severity.info,
                     f"Choose a qualified in-network professional, e.g. {names}.", oon.citation)
        else:
            work.add("network.alternatives_offered", Severity.info,
                     f"Qualified in-network professionals who fit: {names}.", oon.citation)
        return
    work.add(
        "network.none_in_network",
        Severity.info if chosen_npi is None or result.status == "out" else Severity.warning,
        f"No qualified professional was found in the {plan.short_name} network for this care, so the plan "
        "must arrange one outside the network (with authorization, at no cost to the member).",
        oon.citation,
    )


def _alternative(provider: Provider, specialties: SpecialtyTable) -> Alternative:
    return Alternative(
        npi=provider.npi,
        name=provider.display_name,
        specialty=provider.specialty or specialties.name(provider.taxonomy or ""),
        city=provider.city,
        phone=provider.phone,
        languages=provider.languages,
        accepting_new_patients=provider.accepting_new_patients,
    )


# --- authorization -------------------------------------------------------------------------------------------


def _authorization_rule(work: _Work, network: str | None) -> AuthorizationRule:
    rules = work.plan.authorization
    if work.request.opinion_number == 3:
        return rules.third_opinion
    if network in ("out", "unknown"):
        return rules.out_of_network
    return rules.in_network


def _report_authorization(work: _Work, rule: AuthorizationRule, network: str | None) -> None:
    plan = work.plan
    if rule.required:
        work.add("authorization.required", Severity.info,
                 f"Authorization is needed from {rule.authorizer or plan.short_name}.", rule.citation)
    elif network is None:
        work.add("authorization.not_required", Severity.info,
                 f"No authorization is needed when the member sees an in-network professional; out of network "
                 f"needs {plan.short_name}'s authorization.", rule.citation)
    else:
        work.add("authorization.not_required", Severity.info,
                 "No authorization is needed for this in-network second opinion.", rule.citation)


# --- when: deadlines -----------------------------------------------------------------------------------------


def _deadlines(
    work: _Work, authorization_required: bool, calendar: BusinessCalendar
) -> tuple[datetime | None, datetime | None]:
    request, times = work.request, work.plan.timeframes
    received = request.received_at
    consult_due = None
    if request.urgent:
        consult_due = add_elapsed_hours(received, times.urgent_consult_hours)
        work.add("deadline.consult_urgent", Severity.info,
                 f"Urgent: the consultation should happen by {format_pacific(consult_due)} "
                 f"({times.urgent_consult_hours} hours after receipt).", times.consult_citation)
    if not authorization_required:
        return None, consult_due

    if request.urgent:
        decision_due = add_elapsed_hours(received, times.urgent_decision_hours)
        work.add("deadline.decision_urgent", Severity.info,
                 f"Decide by {format_pacific(decision_due)} ({times.urgent_decision_hours} hours after receipt).",
                 times.urgent_citation)
    else:
        # Business days are counted after the moment of receipt: received on a Saturday, Monday is day 1.
        received_day = received.date()
        due_day = calendar.add_business_days(received_day, times.routine_business_days)
        business_due = datetime.combine(due_day, time(23, 59, 59), tzinfo=LOS_ANGELES)
        rule_text = f"the end of the {_ordinal(times.routine_business_days)} business day after receipt"
        if not calendar.is_business_day(received_day):
            first = calendar.next_business_day(received_day)
            holiday = calendar.closure_name(received_day)
            received_on = f"{received_day:%a %b} {received_day.day}" + (f", {holiday}" if holiday else "")
            rule_text += f" (received on {received_on}: {first:%a %b} {first.day} is business day 1)"
        cap = times.cap_for(received.date())
        # Calendar days count like business days: the day after receipt is day 1, and day N ends at midnight.
        latest_day = received.date() + timedelta(days=cap.max_calendar_days)
        latest = datetime.combine(latest_day, time(23, 59, 59), tzinfo=LOS_ANGELES)
        if latest < business_due:
            decision_due = latest
            closed = "" if calendar.is_business_day(latest_day) else (
                " That day the office is closed: decide by the business day before.")
            work.add("deadline.calendar_cap", Severity.warning,
                     f"Decide by {format_pacific(latest)}: no later than {cap.max_calendar_days} calendar days after "
                     f"receipt, which comes before {rule_text} ({format_pacific(business_due)}).{closed}",
                     cap.citation)
        else:
            decision_due = business_due
            work.add("deadline.decision_routine", Severity.info,
                     f"Decide by {format_pacific(decision_due)}: {rule_text}.", times.routine_citation)
    work.add("deadline.notice", Severity.info,
             "Send the written notice of the decision within 2 business days of deciding.", times.notice_citation)
    return decision_due, consult_due


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# --- cost and what goes with every second opinion ------------------------------------------------------------


def _report_cost_and_obligations(work: _Work, network: str | None, authorization_required: bool) -> None:
    plan, request = work.plan, work.request
    work.add("cost.none", Severity.info, "The second opinion is at no cost to the member.", plan.member_cost.citation)
    applies = {
        "always": True,
        "urgent": request.urgent,
        "transportation": request.needs_transportation,
        "out_of_network": network == "out",
        "in_network": network == "in",
        "authorization": authorization_required,
    }
    for obligation in plan.obligations:
        if applies[obligation.when]:
            work.add(obligation.rule, Severity(obligation.severity), obligation.message, obligation.citation)
