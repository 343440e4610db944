"""The roster from an ANSI X12 834 benefit enrollment file (005010X220A1), as plans send it to their delegated
medical groups. docs/members-834.md lists the segments read and what each fills.

The file is read by pyx12's X12Reader (pyx12 4, BSD, maintained): it finds the delimiters in the ISA, splits
segments and elements, and checks the envelope (ISA/IEA, GS/GE, ST/SE: control numbers and segment counts).
Its full map-driven validator (the 834.5010.X220.A1 map) was measured at 2.8 s per 2,000 members, 140 s for
100,000, and prints each finding to standard output; so the members' loops are read here from the reader's
segments, and each field is checked by the roster's own model (app.domain.members.RosterMember), the same as
a CSV row's.

A transaction set (ST..SE) whose envelope is wrong (its segment count, its control numbers) is not loaded:
the file may be cut short or edited, and the plan is asked for it again; the file's other transaction sets
still load. A member with a bad field is skipped and named by its segment number and element (never by its
values: they are PHI); the others load.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.domain.members import RosterMember
from app.errors import InputProblem, Problem
from app.storage.roster_fields import member_from_values
from app.storage.tabular import ImportReport

# California's county codes as Medi-Cal and the plans' files use them (01 Alameda ... 58 Yuba, alphabetical);
# a 5-digit FIPS code (06001 ... 06115) is the same county at 2n - 1.
COUNTIES = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte", "El Dorado",
    "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake", "Lassen", "Los Angeles", "Madera",
    "Marin", "Mariposa", "Mendocino", "Merced", "Modoc", "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer",
    "Plumas", "Riverside", "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco",
    "San Joaquin", "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta",
    "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity", "Tulare", "Tuolumne",
    "Ventura", "Yolo", "Yuba",
)  # fmt: skip
assert len(COUNTIES) == 58
# LUI02 (ISO 639-2) as the desk and its letters name languages; another code keeps LUI03's words, or the code.
LANGUAGES = {
    "ENG": "English", "SPA": "Spanish", "VIE": "Vietnamese", "CHI": "Chinese", "ZHO": "Chinese", "YUE": "Cantonese",
    "CMN": "Mandarin", "KOR": "Korean", "TGL": "Tagalog", "FIL": "Tagalog", "RUS": "Russian", "ARM": "Armenian",
    "HYE": "Armenian", "PER": "Farsi", "FAS": "Farsi", "KHM": "Khmer", "HMN": "Hmong", "ARA": "Arabic",
    "PAN": "Punjabi", "LAO": "Lao", "JPN": "Japanese", "HIN": "Hindi", "POR": "Portuguese", "UKR": "Ukrainian",
}  # fmt: skip
PHONE_QUALIFIERS = ("TE", "HP", "CP", "WP")  # telephone, home, cell, work: the first one given


def county_name(code: str) -> str | None:
    code = code.strip()
    if not code.isdigit():
        return code or None
    number = int(code)
    if len(code) == 5 and code.startswith("06") and number % 2 == 1:  # FIPS
        number = (number - 6000 + 1) // 2
    return COUNTIES[number - 1] if 1 <= number <= len(COUNTIES) else None


def _x12_date(text: str) -> str:
    """CCYYMMDD as 2026-01-31 (what the roster's own parser reads); anything else is left for it to refuse."""
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text or ""


# NM101 of the 2100 loops read: the member (2100A: IL, or 74 when the plan corrects the member's name) and the
# member's mailing address (2100C: 31). Every other 2100 loop (B: the member's earlier, wrong demographics; D to H:
# employer, school, custodial parent, responsible person, drop-off) has N3/N4/DMG/PER of another person or place.
MEMBER_NAME, MAILING = ("IL", "74"), "31"
TERMINATION = "024"  # INS03 / HD01 maintenance type: cancellation or termination


@dataclass
class _Member:
    """One INS loop being read: its values by roster column, where each came from, and the loop it is in."""

    segment: int
    values: dict[str, str] = field(default_factory=dict)
    places: dict[str, tuple[int, str]] = field(default_factory=dict)
    mailing: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # 2100C: column -> (value, place)
    loop: str = "2000"  # 2000, 2100A, 2100C, 2100 (another), 2300 (the medical coverage), 2310, other
    coverage_seen: bool = False  # a first HD loop was read: later ones (dental, vision) are not the medical plan
    subscriber: bool = True  # INS01 Y; N: a dependent, which must have a member ID of its own (NM109)
    terminated: tuple[int, str] | None = None  # where the file says the coverage ends (INS03 or HD01 024)

    def put(self, name: str, value: str, segment: int, element: str) -> None:
        if value:
            self.values[name] = value
            self.places[name] = (segment, element)


def _plan_for(payer: str, plans: Mapping[str, str]) -> str | None:
    """The one plan whose id or name the payer's name (N1*IN N102) begins or is contained in."""
    def folded(text: str) -> str:
        return " ".join(text.casefold().replace("-", " ").split())

    wanted = folded(payer)
    if not wanted:
        return None
    matches = [plan_id for plan_id, name in plans.items()
               if wanted in (folded(plan_id), folded(name)) or folded(name).startswith(wanted)]
    return matches[0] if len(matches) == 1 else None


def parse_834(data: bytes, source: str, plans: Mapping[str, str], report: ImportReport, *,
              plan: str | None = None, progress=None) -> list[tuple[int, RosterMember]]:
    """(segment number, member) of each good member of the file; problems go to `report`. `plans`: plan id ->
    name; `plan`: the plan the file is from (else its payer, N1*IN, must name one)."""
    import pyx12.errors
    import pyx12.x12file

    try:
        text = data.decode("utf-8-sig").lstrip()  # a byte-order mark, or blank lines, may come before the ISA
    except UnicodeDecodeError:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("latin-1").lstrip()
    if plan is not None and plan not in plans:
        raise InputProblem([f"unknown plan {plan!r}; known plans: {', '.join(sorted(plans))}"], source=source)
    try:
        reader = pyx12.x12file.X12Reader(io.StringIO(text))
    except pyx12.errors.X12Error as error:
        raise InputProblem([f"not an X12 834 file the desk can read ({error}); it must begin with a 106-character "
                            "ISA segment"], source=source) from None
    terminator = text[105:106] or "~"  # the ISA's last character ends every segment
    segments = text.count(terminator) or 1
    loaded: list[tuple[int, RosterMember]] = []
    pending: list[tuple[int, RosterMember]] = []  # the current transaction set's members, kept at its SE
    pending_skipped: list[Problem] = []
    file_plan = plan
    transaction: str | None = None
    current: _Member | None = None
    segment = payer_segment = 0
    payer = ""

    def finish(member: _Member | None) -> None:
        if member is None:
            return
        member.values["plan"] = file_plan
        subscriber = member.values.pop("_subscriber", "")
        if member.subscriber and subscriber:  # a dependent's REF*0F is its subscriber's ID, never its own
            member.values.setdefault("member_id", subscriber)
        _eligibility_fallback(member)
        if member.mailing.get("address_line1"):  # the letters go to the mailing address (2100C) when given
            for name in ("address_line1", "address_line2", "city", "state", "zip"):
                member.values.pop(name, None)
                if name in member.mailing:
                    text, segment_no, element = member.mailing[name]
                    member.put(name, text, segment_no, element)
        problems: list[Problem] = []
        if "member_id" not in member.values:
            problems.append(Problem(
                "a dependent (INS01 N) without a member ID of its own (NM1*IL NM109): the subscriber's ID "
                "(REF*0F) is not the dependent's; ask the plan for the member's ID",
                label=f"segment {member.places.get('last_name', (member.segment,))[0]} (NM109, member_id)")
                if not member.subscriber else Problem(
                "no member ID (REF*0F or NM1*IL NM109)", label=f"segment {member.segment} (REF02, member_id)"))
        if member.terminated is not None and "coverage_end" not in member.values:
            segment_no, element = member.terminated
            problems.append(Problem(
                "the file ends this member's coverage (maintenance type 024) without saying when: a DTP*349 (or "
                "DTP*357) end date is needed, so the member's coverage was not changed",
                label=f"segment {segment_no} ({element}, coverage_end)"))
        if problems:
            pending_skipped.extend(problems)
            return

        def where(name: str) -> dict:
            placed = member.places.get(name) or (member.places.get("coverage_start") if name == "coverage_end"
                                                 else None)
            segment_no, element = placed or (member.segment, "INS")
            return {"label": f"segment {segment_no} ({element}, {name})"}

        parsed = member_from_values(member.values, 0, {}, plans, problems, where=where)
        if parsed is None:
            pending_skipped.extend(problems)
        else:
            pending.append((member.segment, parsed))

    try:
        for seg in reader:
            segment += 1
            seg_id = seg.get_seg_id()
            value = seg.get_value
            if seg_id == "ST":
                transaction, pending, pending_skipped = value("ST02"), [], []
                if value("ST01") != "834":
                    raise InputProblem([Problem(f"this is an X12 {value('ST01')} transaction, not an 834 benefit "
                                                "enrollment: give the plan's 834 eligibility file",
                                                label=f"segment {segment} (ST01)")], source=source)
            elif seg_id == "N1" and value("N101") == "IN" and plan is None and current is None:
                payer, payer_segment = value("N102") or "", segment
                file_plan = _plan_for(payer, plans)
            elif seg_id == "INS":
                if progress is not None and segment % 2000 < 20 and current is not None:
                    progress(segment, segments)
                if file_plan is None:
                    named = f"names {payer!r}, " if payer else "is not named (no N1*IN segment), "
                    raise InputProblem([Problem(
                        f"the file's payer (N1*IN) {named}which is no plan of this desk (or more than one): give "
                        "the plan the file is from (sodesk members import FILE --plan ID, or choose it in Member "
                        f"roster); known plans: {', '.join(sorted(plans))}",
                        label=f"segment {payer_segment} (N102)" if payer_segment else f"segment {segment} (INS)")],
                        source=source)
                finish(current)
                current = _Member(segment, subscriber=value("INS01") != "N")
                if value("INS03") == TERMINATION:
                    current.terminated = (segment, "INS03")
            elif seg_id == "SE":
                finish(current)
                current = None
                errors = [error for error in reader.pop_errors() if error[0] in ("st", "gs", "isa")]
                if errors:
                    report.items.append(Problem(
                        f"{errors[0][2]}: the transaction set {transaction} may be cut short or edited, so none of "
                        f"its {len(pending) + len(pending_skipped)} members were loaded; ask the plan for the file "
                        "again", label=f"segment {segment} ({'SE02' if errors[0][1] == '3' else 'SE01'})"))
                    report.skipped += len(pending) + len(pending_skipped)
                else:
                    loaded.extend(pending)
                    report.items.extend(pending_skipped)
                    report.skipped += len(pending_skipped)
                pending, pending_skipped = [], []
            elif current is not None:
                _read_member_segment(current, seg_id, value, segment)
    except pyx12.errors.X12Error as error:
        raise InputProblem([Problem(f"not readable as X12 ({error})", label=f"segment {segment + 1}")],
                           source=source) from None
    if current is not None or pending or pending_skipped:
        report.items.append(Problem("the file ends inside a transaction set (no SE segment): it is cut short; "
                                    "ask the plan for the file again. Its last transaction set was not loaded",
                                    label=f"segment {segment}"))
        report.skipped += len(pending) + len(pending_skipped) + (current is not None)
    for error in reader.pop_errors():
        if error[0] in ("isa", "gs"):
            report.warnings.append(f"the file's envelope: {error[2]}")
    return loaded


def _read_member_segment(member: _Member, seg_id: str, value, segment: int) -> None:
    """One segment inside a member's INS loop: 2000 (the member), 2100A (name, address, birth, language), 2100C
    (mailing address), 2300 (the first HD: medical coverage and group), 2310 (its PCP). Other loops are passed
    over: their names and addresses are someone else's."""
    if seg_id == "NM1":
        qualifier = value("NM101")
        if member.loop in ("2310", "2300"):
            member.loop = "2310" if member.loop == "2310" or qualifier == "P3" else member.loop
        elif member.loop.startswith("2100") or member.loop == "2000":
            member.loop = "2100A" if qualifier in MEMBER_NAME else "2100C" if qualifier == MAILING else "2100"
    elif seg_id == "HD":
        member.loop = "other" if member.coverage_seen else "2300"
        member.coverage_seen = True
        if member.loop == "2300" and value("HD01") == TERMINATION:
            member.terminated = member.terminated or (segment, "HD01")
        return
    elif seg_id == "LX" and member.loop in ("2300", "2310"):
        member.loop = "2310"
        return
    elif seg_id in ("COB", "LS"):  # 2320 coordination of benefits, 2700 reporting categories
        member.loop = "other"
        return
    loop = member.loop
    if loop == "2000":
        if seg_id == "REF" and value("REF01") == "0F":
            member.put("_subscriber", value("REF02") or "", segment, "REF02")
            member.places.setdefault("member_id", (segment, "REF02"))
        elif seg_id == "DTP":  # eligibility dates, when 2300 gives none
            qualifier = value("DTP01")
            if qualifier == "356":
                member.put("_eligibility_start", _x12_date(value("DTP03") or ""), segment, "DTP03")
            elif qualifier == "357":
                member.put("_eligibility_end", _x12_date(value("DTP03") or ""), segment, "DTP03")
    elif loop == "2100A":
        if seg_id == "NM1":
            member.put("last_name", value("NM103") or "", segment, "NM103")
            member.put("first_name", value("NM104") or "", segment, "NM104")
            if value("NM108") in ("ZZ", "MI"):  # never 34, a Social Security number: not a member ID to keep
                member.put("member_id", value("NM109") or "", segment, "NM109")
        elif seg_id == "PER" and value("PER01") == "IP":
            for position in (3, 5, 7):
                if value(f"PER{position:02d}") in PHONE_QUALIFIERS and "phone" not in member.values:
                    member.put("phone", _phone(value(f"PER{position + 1:02d}") or ""), segment,
                               f"PER{position + 1:02d}")
        elif seg_id in ("N3", "N4"):
            for name, (text, element) in _address_values(seg_id, value).items():
                member.put(name, text, segment, element)
        elif seg_id == "DMG":
            member.put("date_of_birth", _x12_date(value("DMG02") or ""), segment, "DMG02")
            member.put("sex", value("DMG03") or "", segment, "DMG03")
        elif seg_id == "LUI" and "language" not in member.values:
            code = (value("LUI02") or "").upper()
            member.put("language", LANGUAGES.get(code) or value("LUI03") or code, segment, "LUI02")
    elif loop == "2100C" and seg_id in ("N3", "N4"):
        for name, (text, element) in _address_values(seg_id, value).items():
            if name != "county" and text:
                member.mailing[name] = (text, segment, element)
    elif loop == "2300":
        if seg_id == "DTP":
            qualifier = value("DTP01")
            if qualifier == "348":
                member.put("coverage_start", _x12_date(value("DTP03") or ""), segment, "DTP03")
            elif qualifier == "349":
                member.put("coverage_end", _x12_date(value("DTP03") or ""), segment, "DTP03")
        elif seg_id == "REF" and value("REF01") == "1L":
            member.put("health_network", value("REF02") or "", segment, "REF02")
    elif loop == "2310" and seg_id == "NM1" and value("NM101") == "P3":
        name = " ".join(part for part in (value("NM104") or "", value("NM103") or "") if part)
        member.put("pcp_name", name, segment, "NM103")
        if value("NM108") == "XX":
            member.put("pcp_npi", value("NM109") or "", segment, "NM109")


def _address_values(seg_id: str, value) -> dict[str, tuple[str, str]]:
    """An N3 or N4 as roster columns: column -> (value, element)."""
    if seg_id == "N3":
        return {"address_line1": (value("N301") or "", "N301"), "address_line2": (value("N302") or "", "N302")}
    found = {"city": (value("N401") or "", "N401"), "state": (value("N402") or "", "N402"),
             "zip": (_zip(value("N403") or ""), "N403")}
    if value("N405") == "CY":
        found["county"] = (county_name(value("N406") or "") or "", "N406")
    return found


def _eligibility_fallback(member: _Member) -> None:
    """2300's benefit dates (DTP*348/349) when given, else 2000's eligibility dates (DTP*356/357)."""
    for name, fallback in (("coverage_start", "_eligibility_start"), ("coverage_end", "_eligibility_end")):
        if fallback in member.values:
            kept = member.values.pop(fallback)
            place = member.places.pop(fallback)
            if name not in member.values:
                member.values[name], member.places[name] = kept, place


def _phone(text: str) -> str:
    """2095550138 as (209) 555-0138, as the desk writes a phone; another shape as it is."""
    digits = text.strip()
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 and digits.isdigit() else digits


def _zip(text: str) -> str:
    text = text.strip()
    return f"{text[:5]}-{text[5:]}" if len(text) == 9 and text.isdigit() else text

