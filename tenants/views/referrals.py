"""Referrals: sending one, the lists, the page with its history, and each decision."""

from __future__ import annotations

import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from partners.audit import log_view
from partners.lists import list_page
from partners.policy import may, require, scope
from programmes.models import Programme

from ..forms.referrals import CommentForm, DeclineForm, EnrolForm, ReferralFilter, ReferralForm
from ..models import Referral
from ..selectors import referrals as selectors
from ..selectors.people import neighbourhoods_for
from ..services import referrals as services
from .people import enrolment_link, require_tenant_pages, tenant_page, visible_tenant

S = Referral.Status
STATUS_BADGES = {
    S.SENT: "text-bg-warning",
    S.ACCEPTED: "text-bg-info",
    S.ENROLLED: "text-bg-success",
    S.DECLINED: "text-bg-secondary",
    S.WITHDRAWN: "text-bg-light border",
}


class ReferralTable(tables.Table):
    tenant = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        order_by=("tenant__last_name", "tenant__first_name"),
    )
    programme = tables.Column()
    landlord = tables.Column()
    neighbourhood = tables.Column(
        accessor="tenant__neighbourhood",
        verbose_name=gettext_lazy("Neighbourhood"),
        order_by=("tenant__neighbourhood__name",),
    )
    status = tables.Column()
    created_at = tables.DateColumn(short=True)
    updated_at = tables.DateColumn(short=True, verbose_name=gettext_lazy("Last change"))
    referred_by = tables.Column(visible=False)
    reason = tables.Column(visible=False)
    needs = tables.Column(visible=False)
    decline_reason = tables.Column(visible=False)

    class Meta:
        model = Referral
        fields = ()
        sequence = ("tenant", "programme", "landlord", "neighbourhood", "status", "created_at", "updated_at")
        attrs = {"class": "table table-hover align-middle", "data-testid": "referral-table"}
        empty_text = gettext_lazy("No referral matches.")
        order_by = "-created_at"

    def render_status(self, value, record):
        overdue = ""
        if record.status == S.SENT and record.created_at <= selectors.overdue_since():
            overdue = format_html(' <span class="badge text-bg-danger">{}</span>', _("waiting"))
        return format_html('<span class="badge {}">{}</span>{}', STATUS_BADGES.get(record.status, ""), value, overdue)

    def value_status(self, value):
        return value


@require_GET
def referral_list(request):
    require_tenant_pages(request.user)
    user = request.user
    return list_page(
        request,
        queryset=selectors.referrals_visible_to(user),
        filterset_class=ReferralFilter,
        filterset_kwargs={
            "programmes": scope(user, Programme),
            "neighbourhoods": neighbourhoods_for(user),
            "landlords": selectors.referring_landlords_for(user),
        },
        table_class=ReferralTable,
        template="tenants/referral_list.html",
        title=gettext_lazy("Referrals"),
        export_name="orientations",
    )


def _visible_referral(request, pk) -> Referral:
    require_tenant_pages(request.user)
    referral = get_object_or_404(selectors.referrals_visible_to(request.user), pk=pk)
    log_view(referral)
    return referral


def _page(request, referral, *, status=200, **forms):
    user = request.user
    allowed = services.allowed_transitions(referral)
    may_decide = may(user, "referral.decide", referral)
    enrolment = getattr(referral, "enrolment", None) if referral.status == S.ENROLLED else None
    context = {
        "referral": referral,
        "tenant": referral.tenant,
        "history": selectors.history_of(referral),
        "may_accept": may_decide and S.ACCEPTED in allowed,
        "may_decline": may_decide and S.DECLINED in allowed,
        "may_enrol": may_decide and S.ENROLLED in allowed,
        "may_withdraw": may(user, "referral.withdraw", referral) and S.WITHDRAWN in allowed,
        "accept_form": forms.get("accept_form") or CommentForm(prefix="accept"),
        "decline_form": forms.get("decline_form") or DeclineForm(prefix="decline"),
        "enrol_form": forms.get("enrol_form") or EnrolForm(prefix="enrol"),
        "withdraw_form": forms.get("withdraw_form") or CommentForm(prefix="withdraw"),
        "enrolment": enrolment,
        "enrolment_url": enrolment_link(enrolment) if enrolment else "",
        "tenant_url": referral.tenant.get_absolute_url(),
        # A refused step is told at the top: its form may no longer be on the page.
        "action_errors": [error for form in forms.values() for error in form.non_field_errors()],
    }
    return render(request, "tenants/referral_detail.html", context, status=status)


@require_GET
def referral_detail(request, pk):
    return _page(request, _visible_referral(request, pk))


# action: (form class, service call, success message); the form prefix is the action
ACTIONS = {
    "accept": (
        CommentForm,
        lambda r, u, d: services.referral_accept(actor=u, referral=r, **d),
        gettext_lazy("Referral accepted. The landlord is told."),
    ),
    "decline": (
        DeclineForm,
        lambda r, u, d: services.referral_decline(actor=u, referral=r, **d),
        gettext_lazy("Referral declined. The landlord is told."),
    ),
    "enrol": (
        EnrolForm,
        lambda r, u, d: services.referral_enrol(actor=u, referral=r, **d),
        gettext_lazy("The person is enrolled in the programme."),
    ),
    "withdraw": (
        CommentForm,
        lambda r, u, d: services.referral_withdraw(actor=u, referral=r, **d),
        gettext_lazy("Referral withdrawn. The coordinators are told."),
    ),
}
RULES = {
    "accept": "referral.decide",
    "decline": "referral.decide",
    "enrol": "referral.decide",
    "withdraw": "referral.withdraw",
}


@require_POST
def referral_act(request, pk, action):
    referral = _visible_referral(request, pk)
    require(request.user, RULES[action], referral)
    form_class, call, success = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            call(referral, request.user, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(referral)
    return _page(request, referral, status=400, **{f"{action}_form": form})


@require_POST
def referral_create(request, pk):
    tenant = visible_tenant(request, pk)
    require(request.user, "referral.create", tenant)
    form = ReferralForm(request.POST, programmes=selectors.programmes_open_to(tenant))
    if form.is_valid():
        try:
            referral = services.referral_create(actor=request.user, tenant=tenant, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Referral sent to %(programme)s. Its coordinators are told.") % {"programme": referral.programme},
            )
            return redirect(referral)
    return tenant_page(request, tenant, status=400, referral_form=form)
