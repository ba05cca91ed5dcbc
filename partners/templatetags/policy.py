"""Templates ask the access policy through these tags, never by roles of their own:

{% load policy %}
{% may "enrolment.edit" enrolment as can_edit %}
{% fields_visible tenant as readable %}{% if "lease_reference" in readable %}…{% endif %}
"""

from django import template

from .. import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action, obj=None) -> bool:
    return policy.may(context["user"], action, obj)


@register.simple_tag(takes_context=True)
def fields_visible(context, obj) -> frozenset[str]:
    return policy.fields_visible(context["user"], obj)
