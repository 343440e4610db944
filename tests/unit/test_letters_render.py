"""The renderer: every name prints (NFC, right font, literal markup), signature blocks stay whole, bytes repeat."""

import hashlib
import io
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.cases import Authorization, Case, Clocks, Consult, Status
from app.domain.time import LOS_ANGELES
from app.letters import Letter, LetterKind, Letterhead, Professional, render
from app.letters import fonts
from app.letters.model import CriterionLine, DiagnosisLine
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.pdfs import text_of

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)
FONT_FILES = {"DejaVuSans": fonts.BASE, "DejaVuSans-Bold": fonts.BOLD, "DejaVuSans-Oblique": fonts.OBLIQUE,
              "DroidSansFallback": fonts.FALLBACK}

NAMES = {
    "latin": ("Anne-Marie", "O'Neil"),
    "vietnamese": ("Nguyễn Thị", "Bích Ngọc"),
    "spanish": ("José", "Ñúñez Peña"),
    "chinese": ("伟", "陈"),
    "armenian": ("Անի", "Հակոբյան"),
}


def case_for(status=Status.approved, **request_changes) -> Case:
    return Case(
        id=41, version=3, status=status, request=make_request(**request_changes),
        authorization=Authorization(number="CO-2025-0042", valid_from=date(2025, 3, 4), valid_to=date(2025, 6, 30)),
        consult=Consult(scheduled_for=date(2025, 3, 5), npi=ORTHO_HAKOBYAN),
        clocks=Clocks(report_due=datetime(2025, 4, 4, 23, 59, 59, tzinfo=LOS_ANGELES)),
        decision_reason="An in-network orthopaedic surgeon is available.",
        extension_due=datetime(2025, 3, 20, 23, 59, 59, tzinfo=LOS_ANGELES),
        extension_reason="The MRI report of the right knee",
        created_at=NOW, updated_at=NOW)


def letter_for(kind: LetterKind, case: Case | None = None, language: str = "en", **changes) -> Letter:
    data = dict(
        kind=kind, language=language, issued_on=date(2025, 3, 3), case=case or case_for(),
        letterhead=Letterhead(name="Sunrise Test Clinic", address_lines=["100 Example Ave", "Stockton, CA 95202"],
                              phone="209-555-0100", fax="209-555-0199"),
        plan_name="CalOptima Health Medi-Cal", policy="CalOptima Health GG.1538 “Referral for Second Opinion”",
        professional=Professional(name="Armen Հակոբյան, MD", npi=ORTHO_HAKOBYAN, specialty="Orthopaedic Surgery",
                                  address="200 Example Blvd", city="Stockton", state="CA", zip="95204",
                                  phone="209-555-0123"),
        diagnoses=[DiagnosisLine(code="M17.11", description="Unilateral primary osteoarthritis, right knee")],
        criteria=[CriterionLine(reason="surgery_questioned", citation="CalOptima GG.1538 II.C.1")],
    )
    data.update(changes)
    return Letter(**data)


def runs(pdf: bytes) -> list[tuple[int, str, str, float]]:
    """(page number, text, font file key, size) for every text run of the PDF."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                base = str(font["/BaseFont"]).split("+", 1)[-1] if font else "?"
                found.append((number, text, base, size))
        page.extract_text(visitor_text=visit)
    return found


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("kind", list(LetterKind))
@pytest.mark.parametrize("script", sorted(NAMES))
def test_member_name_prints_as_typed_in_nfc(kind, script):
    first, last = NAMES[script]
    nfd = {"first_name": unicodedata.normalize("NFD", first), "last_name": unicodedata.normalize("NFD", last)}
    pdf = render(letter_for(kind, case_for(member=nfd)))
    expected = unicodedata.normalize("NFC", f"{first} {last}")
    assert expected in text_of(pdf)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_character_of_a_name_is_drawn_by_a_font_that_has_it(script):
    first, last = NAMES[script]
    pdf = render(letter_for(LetterKind.member_approval, case_for(member={"first_name": first, "last_name": last})))
    name_chars = {char for char in unicodedata.normalize("NFC", first + last) if not char.isspace()}
    drawn = {}
    for _, text, font, _ in runs(pdf):
        for char in text:
            if char in name_chars:
                drawn.setdefault(char, set()).add(font)
    assert set(drawn) == name_chars
    missing = {char: font for char, used in drawn.items() for font in used
               if not fonts.has_glyph(FONT_FILES[font], char)}
    assert missing == {}


def test_nfd_text_is_normalised_and_escaped_before_it_becomes_markup():
    assert fonts.markup(unicodedata.normalize("NFD", "Nguyễn <Jr> & Co")) == "Nguyễn &lt;Jr&gt; &amp; Co"
    assert fonts.markup("陈伟 Chen") == '<font name="DroidSansFallback">陈伟</font> Chen'


@pytest.mark.parametrize("kind", list(LetterKind))
def test_markup_characters_in_names_print_literally(kind):
    case = case_for(member={"first_name": "Ana <b>", "last_name": "Ruiz & <Jr>"},
                    requester={"type": "member", "name": "A&B <Rep>"})
    text = text_of(render(letter_for(kind, case)))
    assert "Ana <b> Ruiz & <Jr>" in text


@pytest.mark.parametrize("kind", list(LetterKind))
def test_signature_block_never_separates_from_its_heading(kind):
    """Long content moves the page break through every position near the signature block."""
    labels = ("Signature", "Name and title", "Date")
    for words in range(0, 240, 12):
        note = " ".join(["Additional clinical history."] * words)
        case = case_for(other_reason=note, reasons=["surgery_questioned", "other"],
                        ).model_copy(update={"decision_reason": note, "extension_reason": note})
        pdf = render(letter_for(kind, case))
        pages = pages_of(pdf)
        last = pages[-1]
        assert all(label in last for label in labels), (words, last[:200])
        heading = {"referral": "Authorized by", "consult_report_request": "Second-opinion professional",
                   "consult_report_overdue": "Second-opinion professional"}.get(kind.value, "Sunrise Test Clinic Signature")
        assert heading in last, (words, last[:300])


@pytest.mark.parametrize("kind", list(LetterKind))
def test_same_letter_renders_byte_identical(kind):
    letter = letter_for(kind)
    assert render(letter) == render(letter)


def test_same_letter_is_byte_identical_in_a_fresh_process():
    script = (
        "import hashlib, sys; sys.path.insert(0, '.');"
        "from tests.unit.test_letters_render import letter_for; from app.letters import LetterKind, render;"
        "print(hashlib.sha256(render(letter_for(LetterKind.member_denial))).hexdigest())"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == hashlib.sha256(render(letter_for(LetterKind.member_denial))).hexdigest()


@pytest.mark.parametrize("language", ["en", "es"])
def test_hs_1368_02b_dmhc_statement_is_in_12_point_bold(language):
    pdf = render(letter_for(LetterKind.member_denial, language=language))
    opening = {"en": "The California Department of Managed Health Care is responsible",
               "es": "El Departamento de Atención Médica"}[language]
    statement = [(font, size) for _, text, font, size in runs(pdf) if opening in text]
    assert statement == [("DejaVuSans-Bold", 12.0)]
    assert "1-888-466-2219" in text_of(pdf) and "1-877-688-9891" in text_of(pdf)


def test_letterhead_from_settings_and_page_numbers():
    text = text_of(render(letter_for(LetterKind.member_denial)))
    assert "Sunrise Test Clinic" in text and "100 Example Ave" in text and "Stockton, CA 95202" in text
    assert "Phone 209-555-0100 · Fax 209-555-0199" in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text


def test_a_logo_file_is_drawn_and_a_missing_one_is_left_out(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (20, 90, 160)).save(logo)
    with_logo = render(letter_for(LetterKind.referral, letterhead=Letterhead(name="X Clinic", logo=str(logo))))
    missing = render(letter_for(LetterKind.referral,
                                letterhead=Letterhead(name="X Clinic", logo=str(tmp_path / "none.png"))))
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in missing
    assert "X Clinic" in text_of(missing)


@pytest.mark.parametrize("kind", list(LetterKind))
def test_all_text_including_bullets_is_drawn_in_the_bundled_fonts(kind):
    """Bullets default to Helvetica in reportlab, which is not embedded and draws '•' as a missing glyph."""
    used = {font for _, text, font, _ in runs(render(letter_for(kind)))}
    assert used <= set(FONT_FILES), used - set(FONT_FILES)
