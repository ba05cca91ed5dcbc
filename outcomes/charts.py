"""Bar charts as inline SVG, drawn on the server: the PDF needs no JavaScript.

A hidden (small) value is drawn as an empty outlined bar labelled "< N", never at its height.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .indicators.presentation import display

BAR = "#1f4e79"
HIDDEN = "#c9d3df"


def bar_chart(items, *, kind="count", width=520, height=190, limit=5, max_value=None) -> str:
    """`items`: (label, value or None when hidden). Returns an <svg> element."""
    if not items:
        return ""
    top, bottom, left = 18, 34, 8
    plot_height = height - top - bottom
    shown = [value for _label, value in items if value is not None]
    scale_max = max_value or max(shown + [limit, 1])
    slot = (width - 2 * left) / len(items)
    bar_width = max(6.0, slot * 0.62)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="DejaVu Sans" font-size="8">',
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - left}" y2="{top + plot_height}" '
        'stroke="#666" stroke-width="0.6"/>',
    ]
    for index, (label, value) in enumerate(items):
        x = left + index * slot + (slot - bar_width) / 2
        centre = x + bar_width / 2
        if value is None:
            bar_height = plot_height * limit / scale_max / 2
            fill, stroke, text = "white", HIDDEN, f"&lt; {limit}"
        else:
            bar_height = plot_height * value / scale_max if scale_max else 0
            fill, stroke, text = BAR, BAR, escape(display(value, kind))
        y = top + plot_height - bar_height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{bar_height:.1f}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="0.8"/>'
        )
        parts.append(f'<text x="{centre:.1f}" y="{y - 3:.1f}" text-anchor="middle">{text}</text>')
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_height + 12:.1f}" text-anchor="middle">'
            f"{escape(str(label)[:22])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped
