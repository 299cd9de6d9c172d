"""Issue 17.3: what a worker process keeps between renders (the font
configuration, each layout's parsed stylesheet) carries nothing of one award
into another's PDF."""

import io

from pypdf import PdfReader

from certificates import rendering
from certificates.models import Award

SNAPSHOT = {
    "name": "Lucía Learner-Ortega",
    "credential": "Certificate in Media and Technology for Education",
    "issuer": "Harvard Graduate School of Education, Professional Education",
    "issuer_short": "HGSE",
    "signatory_name": "Professional Education",
    "signatory_title": "Harvard Graduate School of Education",
    "earned_on": "2026-11-23",
    "offering": "Fall 2026",
    "clock_hours": 60,
    "documents": [],
    "template_version": 1,
}
CERTIFICATE = {"kind": "certificate", "title": "Certificate"}
LETTER = {"kind": "clock_hour_letter", "title": "Letter"}


def award_of(name: str, code: str) -> Award:
    return Award(snapshot={**SNAPSHOT, "name": name}, verification_code=code)


def text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_two_awards_rendered_by_one_process_each_print_only_their_own_name():
    lucia = award_of("Lucía Learner-Ortega", "AAAA-BBBB-CCCC")
    tomas = award_of("Tomás Ng", "DDDD-EEEE-FFFF")

    first = rendering.render_document(award=lucia, output=CERTIFICATE)
    other = rendering.render_document(award=tomas, output=CERTIFICATE)
    letter = rendering.render_document(award=tomas, output=LETTER)
    again = rendering.render_document(award=lucia, output=CERTIFICATE)

    assert again == first
    assert "Lucía Learner-Ortega" in text(first)
    assert "AAAA-BBBB-CCCC" in text(first)
    assert "Tomás Ng" in text(other)
    assert "DDDD-EEEE-FFFF" in text(other)
    for pdf in (other, letter):
        assert "Lucía" not in text(pdf)
        assert "AAAA-BBBB-CCCC" not in text(pdf)


def test_a_render_with_the_kept_stylesheet_and_fonts_equals_a_fresh_one():
    # given a process that has rendered other awards and layouts
    lucia = award_of("Lucía Learner-Ortega", "AAAA-BBBB-CCCC")
    rendering.render_document(award=award_of("Tomás Ng", "D-E-F"), output=LETTER)
    kept = rendering.render_document(award=lucia, output=CERTIFICATE)

    # when the kept font configuration and stylesheets are dropped
    rendering.font_configuration.cache_clear()
    rendering.layout_stylesheet.cache_clear()
    fresh = rendering.render_document(award=lucia, output=CERTIFICATE)

    # then the same bytes come out
    assert fresh == kept
