"""PDF documents (sign-in sheets, committee minutes, funder reports) rendered with WeasyPrint.

One renderer and one print layout (templates/pdf/base.html) for every app, so all documents
share their fonts, page size, header and page numbers.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template that extends pdf/base.html into PDF bytes."""
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
