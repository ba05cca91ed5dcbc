import io

from pypdf import PdfReader

from partners.documents import render_pdf


def test_a_document_renders_to_a_pdf_whose_text_can_be_read_back(tmp_path, settings):
    template = tmp_path / "doc.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>Feuille d’émargement</h1><p>{{ name }}</p>{% endblock %}'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    pdf = render_pdf("doc.html", {"name": "Amina Diallo"})
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Feuille d’émargement" in text
    assert "Amina Diallo" in text
