from django import template

from ..selectors.dashboard import funder_panel as funder_panel_context

register = template.Library()


@register.inclusion_tag("outcomes/_funder_panel.html", takes_context=True)
def funder_panel(context):
    return funder_panel_context(context["request"].user)
