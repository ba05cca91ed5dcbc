from django import template

from ..selectors import committee as selectors

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("programmes/committee/member_panel.html")
def committee_member_panel(user):
    """Dashboard panel: the meetings the member sits on, with how much is left to review."""
    return {"meetings": selectors.meetings_for_member_panel(user)}
