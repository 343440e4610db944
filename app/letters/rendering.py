"""`render(letter) -> bytes`: one page template, one stylesheet, one module per letter kind.

Deterministic: the same letter gives byte-identical PDFs (reportlab's `invariant` mode fixes the creation date and
the document id), so an export can store a letter's SHA-256 and prove a reprint is the same letter.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from app.letters import fonts
from app.letters.model import Letter, LetterKind
from app.letters.stylesheet import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE, RULE, styles
from app.letters.texts import Catalog, DEFAULT_LANGUAGE, KindTexts, LanguagePack, PlanWording, default_catalog


class Context:
    """Everything a letter kind needs to build its story: texts in the letter's language, escaped values."""

    def __init__(self, letter: Letter, catalog: Catalog) -> None:
        self.letter = letter
        self.case = letter.case
        self.request = letter.case.request
        if self.request is None:
            raise ValueError(f"request #{letter.case.id} is still a draft: it has no letters")
        self.pack: LanguagePack = catalog.pack(letter.language)
        self.english: LanguagePack = catalog.pack(DEFAULT_LANGUAGE)
        self.common = self.pack.common
        self.texts: KindTexts = self.pack.kinds.get(letter.kind) or self.english.kinds[letter.kind]
        self.wording: PlanWording = catalog.plans.for_plan(self.request.plan)
        self.styles = styles()
        self.values = self._values()

    # --- text ------------------------------------------------------------------------------------------------

    def date(self, day: date | None) -> str:
        if day is None:
            return self.common.labels["not_given"]
        return self.common.dates.format(day)

    def label(self, key: str) -> str:
        return self.common.labels[key].format_map(self.values)

    def t(self, key: str, **extra: str) -> str:
        """A text of this kind, its placeholders filled with escaped values."""
        return self.texts.text[key].format_map({**self.values, **extra})

    def title(self) -> str:
        return self.texts.title.format_map(self.values)

    def p(self, markup: str, style: str = "body", **kwargs) -> Paragraph:
        return Paragraph(markup, self.styles[style], **kwargs)

    def _values(self) -> dict[str, str]:
        letter, request, case = self.letter, self.request, self.case
        member = request.member
        none = self.common.labels["not_given"]
        m = fonts.markup

        def value(text: object) -> str:
            return m(text) if text not in (None, "") else none

        professional = letter.professional
        auth = case.authorization
        consult_by = case.clocks.consult_due or (case.determination.consult_due if case.determination else None)
        report_due = case.clocks.report_due
        requester = self.common.requester_types[request.requester.type]
        if request.requester.name:
            requester = f"{m(request.requester.name)} ({requester})"
        requested = letter.requested_language or member.language
        return {
            "case_id": str(case.id),
            "issued_on": self.date(letter.issued_on),
            "member_name": m(member.full_name),
            "member_first_name": m(member.first_name),
            "member_dob": self.date(member.date_of_birth),
            "member_id": m(member.member_id),
            "member_language": value(member.language),
            "member_phone": value(member.phone),
            "plan_name": m(letter.plan_name),
            "health_network": value(member.health_network),
            "requester": requester,
            "pcp_name": value(request.pcp.name or request.pcp.npi),
            "care_name": value(request.care_in_question.name or request.care_in_question.npi),
            "procedure": value(request.procedure),
            "professional_name": value(professional.name if professional else None),
            "professional_npi": value(professional.npi if professional else None),
            "professional_specialty": value(professional.specialty if professional else None),
            "professional_phone": value(professional.phone if professional else None),
            "professional_address": value(_one_line(professional) if professional else None),
            "consult_date": self.date(case.consult.scheduled_for) if case.consult else none,
            "consult_by": self.date(consult_by.date()) if consult_by else none,
            "auth_number": value(auth.number if auth else None),
            "auth_valid_from": self.date(auth.valid_from) if auth and auth.valid_from else none,
            "auth_valid_to": self.date(auth.valid_to) if auth and auth.valid_to else none,
            "report_due": self.date(report_due.date()) if report_due else none,
            "decision_reason": value(case.decision_reason),
            "extension_due": self.date(case.extension_due.date()) if case.extension_due else none,
            "extension_reason": value(case.extension_reason or case.decision_reason),
            "practice_name": value(letter.letterhead.name),
            "practice_phone": value(letter.letterhead.phone),
            "practice_fax": value(letter.letterhead.fax),
            "policy": value(letter.policy),
            "citation": "",
            "requested_language": value(requested),
            "page": "{page}",
            "pages": "{pages}",
        }


def _one_line(professional) -> str | None:
    place = " ".join(part for part in (professional.state, professional.zip) if part)
    parts = [professional.address, professional.city, place]
    joined = ", ".join(part for part in parts if part)
    return joined or None


def _canvas_class(footer: str, running_head: str):
    """A canvas that knows the page count at the end, so each footer can say 'Page 2 of 3'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            style = styles()["footer"]
            width = PAGE[0] - 2 * MARGIN_X
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, MARGIN_BOTTOM - 12, PAGE[0] - MARGIN_X, MARGIN_BOTTOM - 12)
            text = Paragraph(footer.replace("{page}", str(number)).replace("{pages}", str(total)), style)
            text.wrapOn(self, width, MARGIN_BOTTOM)
            text.drawOn(self, MARGIN_X, MARGIN_BOTTOM - 26)
            if number > 1 and running_head:
                head = Paragraph(running_head, style)
                head.wrapOn(self, width, MARGIN_TOP)
                head.drawOn(self, MARGIN_X, PAGE[1] - MARGIN_TOP + 10)

    return NumberedCanvas


def story_for(context: Context) -> list:
    from app.letters import kinds

    return kinds.MODULES[context.letter.kind].story(context)


def render(letter: Letter, catalog: Catalog | None = None) -> bytes:
    """The letter as PDF bytes; the same letter always gives the same bytes."""
    fonts.register_fonts()
    context = Context(letter, catalog or default_catalog())
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=fonts.clean(f"{context.title()} #{letter.case.id}"),
        author=fonts.clean(letter.letterhead.name or ""),
        subject=letter.kind.value,
        creator="Second Opinion Desk",
        lang=letter.language,
        invariant=1,
        initialFontName=fonts.BASE,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    footer = context.label("footer_case") + " · " + context.label("page")
    running_head = " · ".join(part for part in (
        fonts.markup(letter.letterhead.name) if letter.letterhead.name else "",
        context.values["member_name"], context.title()) if part)
    doc.build(story_for(context), canvasmaker=_canvas_class(footer, running_head))
    return buffer.getvalue()


# One inch, for kinds that size boxes.
INCH = inch


def kind_title(kind: LetterKind, language: str = DEFAULT_LANGUAGE, catalog: Catalog | None = None) -> str:
    """The letter's title in a language (for lists and print dialogs)."""
    catalog = catalog or default_catalog()
    pack = catalog.pack(language)
    texts = pack.kinds.get(kind) or catalog.pack(DEFAULT_LANGUAGE).kinds[kind]
    return texts.title
