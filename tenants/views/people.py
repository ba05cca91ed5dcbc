"""Tenant records: list (search, filters, sorting, exports), detail, create, edit, consent."""

from __future__ import annotations

import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.audit import log_view
from partners.lists import list_page
from partners.policy import may, may_read_field, profile, readable_values, require, scope
from partners.tables import PolicyTable
from programmes.models import Programme

from ..forms.people import ConsentForm, ConsentWithdrawForm, TenantFilter, TenantForm
from ..forms.referrals import ReferralForm
from ..models import Tenant
from ..selectors import people as selectors
from ..selectors.referrals import programmes_open_to, referrals_of_tenant, referrals_visible_to
from ..services import people as services


def require_tenant_pages(user) -> None:
    """Funders and committee members see no tenant at all: the pages do not exist for them."""
    require(user, "tenant.list")


class TenantTable(PolicyTable):
    last_name = tables.Column(linkify=True, verbose_name=gettext_lazy("Last name"))
    first_name = tables.Column(verbose_name=gettext_lazy("First name"))
    birth_date = tables.DateColumn(short=True)
    lease_reference = tables.Column(verbose_name=gettext_lazy("Lease reference"))
    landlord = tables.Column()
    neighbourhood = tables.Column(order_by=("neighbourhood__name",))
    situation = tables.Column()
    has_consent = tables.BooleanColumn(verbose_name=gettext_lazy("Consent"))
    created_at = tables.DateColumn(short=True, verbose_name=gettext_lazy("Recorded on"))
    # Exported, not shown.
    sex = tables.Column(visible=False)
    phone = tables.Column(visible=False)
    email = tables.Column(visible=False)
    address = tables.Column(visible=False)
    postcode = tables.Column(visible=False)
    city = tables.Column(visible=False)
    household = tables.Column(visible=False)

    class Meta:
        model = Tenant
        fields = ()
        sequence = (
            "last_name",
            "first_name",
            "birth_date",
            "lease_reference",
            "landlord",
            "neighbourhood",
            "situation",
            "has_consent",
            "created_at",
        )
        attrs = {"class": "table table-hover align-middle", "data-testid": "tenant-table"}
        empty_text = gettext_lazy("No tenant matches.")

    def __init__(self, *args, user, **kwargs):
        facts = profile(user)
        # Staff of a single landlord know whose tenants these are.
        alone = len(facts.landlord_ids) == 1 and not (facts.is_admin or facts.coordinated_org_ids)
        super().__init__(*args, user=user, exclude=["landlord"] if alone else [], **kwargs)


@require_GET
def tenant_list(request):
    require_tenant_pages(request.user)
    user = request.user
    return list_page(
        request,
        queryset=selectors.tenants_visible_to(user),
        filterset_class=TenantFilter,
        filterset_kwargs={
            "neighbourhoods": selectors.neighbourhoods_for(user),
            "programmes": scope(user, Programme),
            "referrals": referrals_visible_to(user),
            "search_lease_reference": may_read_field(user, Tenant, "lease_reference"),
        },
        table_class=TenantTable,
        table_kwargs={"user": user},
        template="tenants/tenant_list.html",
        title=gettext_lazy("Tenants"),
        export_name="locataires",
        context={"may_create": bool(profile(user).landlord_ids)},
    )


def enrolment_link(enrolment) -> str:
    try:
        return enrolment.get_absolute_url()
    except NoReverseMatch:  # the pathway pages may not be installed
        return ""


def tenant_page(request, tenant, *, status=200, **forms):
    """The tenant's page; `forms` replaces a blank form by the bound one that had errors."""
    user = request.user
    consent = selectors.active_consent(tenant)
    may_refer = may(user, "referral.create", tenant)
    referral_form = None
    if may_refer and consent:
        referral_form = forms.get("referral_form") or ReferralForm(programmes=programmes_open_to(tenant))
    context = {
        "tenant": tenant,
        "may_edit": may(user, "tenant.edit", tenant),
        "consent": consent,
        "consents": selectors.consents_of(tenant),
        "may_record_consent": consent is None and may(user, "consent.record", tenant),
        "may_withdraw_consent": consent is not None and may(user, "consent.withdraw", tenant),
        "consent_form": forms.get("consent_form") or ConsentForm(),
        "withdraw_form": forms.get("withdraw_form") or ConsentWithdrawForm(),
        "referrals": referrals_of_tenant(user, tenant),
        "referral_form": referral_form,
        "may_refer": may_refer,
        "enrolments": [(e, enrolment_link(e)) for e in selectors.enrolments_of(user, tenant)],
        "barriers": [
            Tenant.Barrier(b).label
            for b in readable_values(user, tenant, "barriers", tenant.barriers)
            if b in Tenant.Barrier.values
        ],
    }
    return render(request, "tenants/tenant_detail.html", context, status=status)


def visible_tenant(request, pk) -> Tenant:
    """The tenant if the user may see them (404 otherwise); the read is logged."""
    require_tenant_pages(request.user)
    tenant = get_object_or_404(selectors.tenants_visible_to(request.user), pk=pk)
    log_view(tenant)
    return tenant


@require_GET
def tenant_detail(request, pk):
    return tenant_page(request, visible_tenant(request, pk))


@require_http_methods(["GET", "POST"])
def tenant_create(request):
    landlords = selectors.landlords_of(request.user)
    if not landlords:
        raise Http404
    form = TenantForm(request.POST or None, landlords=landlords, user=request.user)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            tenant = services.tenant_create(actor=request.user, landlord=data.pop("landlord"), data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(tenant)s is recorded. Record their consent before referring them.") % {"tenant": tenant}
            )
            return redirect(tenant)
    return render(request, "tenants/tenant_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def tenant_edit(request, pk):
    tenant = visible_tenant(request, pk)
    require(request.user, "tenant.edit", tenant)
    form = TenantForm(request.POST or None, instance=tenant, landlords=None, user=request.user)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.tenant_update(actor=request.user, tenant=tenant, data=data, version=version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record of %(tenant)s is saved.") % {"tenant": tenant})
            return redirect(tenant)
    return render(request, "tenants/tenant_form.html", {"form": form, "tenant": tenant})


def _consent_action(request, pk, *, rule, form_class, form_key, call, success):
    """Record or withdraw consent from the tenant's page; the page again with the errors if refused."""
    tenant = visible_tenant(request, pk)
    require(request.user, rule, tenant)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(request.user, tenant, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(tenant)
    return tenant_page(request, tenant, status=400, **{form_key: form})


@require_POST
def consent_record(request, pk):
    return _consent_action(
        request,
        pk,
        rule="consent.record",
        form_class=ConsentForm,
        form_key="consent_form",
        call=lambda user, tenant, data: services.consent_record(
            actor=user, tenant=tenant, given_on=data["given_on"], text_version=data["text_version"]
        ),
        success=_("Consent recorded."),
    )


@require_POST
def consent_withdraw(request, pk):
    return _consent_action(
        request,
        pk,
        rule="consent.withdraw",
        form_class=ConsentWithdrawForm,
        form_key="withdraw_form",
        call=lambda user, tenant, data: services.consent_withdraw(
            actor=user, tenant=tenant, withdrawn_on=data["withdrawn_on"]
        ),
        success=_("Consent withdrawn: open referrals are closed and no new one can be sent."),
    )
