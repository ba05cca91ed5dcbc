"""The outcomes' part of the access policy (see partners.policy): exits, reports, funders' settings."""

from django.db.models import Q

from partners import policy
from partners.models import Organisation
from partners.policy import is_admin, is_coordinator, is_funder, profile
from programmes.models import Programme
from programmes.rules import funded_by, or_admin, run_by
from tenants.models import Enrolment

from .models import Exit, Report


def _reports(user) -> Q:
    """Its programme's coordinators and funders, or its funder's staff for a funder-wide report."""
    if profile(user).is_admin:
        return Q()
    return (
        Q(funder__in=profile(user).funder_ids)
        | Q(programme__in=policy.scope(user, Programme, "coordinate"))
        | Q(funder__isnull=True, programme__in=policy.scope(user, Programme, "fund"))
    )


def _funders(user) -> Q:
    """Funders whose reports (of every programme they finance) and reading of exits the user manages."""
    if profile(user).is_admin:
        return Q(kind=Organisation.Kind.FUNDER)
    return Q(pk__in=profile(user).funder_ids)


policy.rows(Exit, "view", lambda user: Q(enrolment__in=policy.scope(user, Enrolment, "edit")))
policy.rows(Report, "view", _reports)
# Programmes whose report the user may ask for.
policy.rows(Programme, "report", or_admin(lambda user: run_by(user) | funded_by(user)), small=True)
policy.rows(Organisation, "speak_for_funder", _funders, small=True)

policy.rule("exit.list", is_admin | is_coordinator)
policy.rule("report.list", is_admin | is_coordinator | is_funder)
