"""The second factor: who must have one, how it is given, recovered and reset."""

import pytest
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from partners import services
from partners.demo import DEMO_PASSWORD, DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET
from partners.models import Membership, User

from .helpers import current_code, enrol, log_in_with_password

pytestmark = pytest.mark.django_db
R = Membership.Role
PRODUCTION = {"MFA_REQUIRED": True}


@pytest.fixture
def production(settings):
    settings.MFA_REQUIRED = True
    return settings


@pytest.mark.parametrize("url", ["/tenants/", "/tenants/?export=csv", "/tenants/referrals/?export=csv"])
def test_with_production_settings_a_password_alone_does_not_reach_tenants(production, client, landlord_staff, url):
    log_in_with_password(client, landlord_staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert "text/csv" not in response.get("Content-Type", "")


@pytest.mark.parametrize("fixture", ["landlord_staff", "coordinator", "programme_admin"])
def test_every_role_reading_personal_data_must_set_up_a_second_factor(production, client, request, fixture):
    log_in_with_password(client, request.getfixturevalue(fixture))
    response = client.get(reverse("dashboard"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert "donne accès aux dossiers de personnes" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("fixture", ["committee_member", "funder"])
def test_roles_without_personal_data_are_offered_it_not_required(production, client, request, fixture):
    log_in_with_password(client, request.getfixturevalue(fixture))
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_django_admin_requires_it_too(production, client, db):
    staff = User.objects.create_user("operatrice@passerelles.fr", "mot-de-passe-de-test", is_staff=True)
    log_in_with_password(client, staff)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_in_the_demo_it_is_offered_not_required(settings, client, landlord_staff):
    settings.MFA_REQUIRED = False
    log_in_with_password(client, landlord_staff)
    assert client.get("/tenants/").status_code == 200


def test_setting_one_up_then_reaching_the_tenants(production, client, landlord_staff):
    log_in_with_password(client, landlord_staff)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200  # right after the login, no second password prompt
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=landlord_staff, type="totp").exists()
    assert Authenticator.objects.filter(user=landlord_staff, type="recovery_codes").exists()
    assert client.get("/tenants/").status_code == 200


def test_a_wrong_code_does_not_set_it_up(production, client, landlord_staff):
    log_in_with_password(client, landlord_staff)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode()
    assert not Authenticator.objects.filter(user=landlord_staff).exists()


def test_once_set_up_the_login_asks_for_the_code(client, landlord_staff):
    secret, _ = enrol(landlord_staff)
    response = log_in_with_password(client, landlord_staff)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/tenants/")["Location"].startswith(reverse("account_login"))  # not logged in yet
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.get("/tenants/").status_code == 200


def test_a_wrong_code_keeps_the_person_out(client, landlord_staff):
    enrol(landlord_staff)
    log_in_with_password(client, landlord_staff)
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert "Code incorrect" in response.content.decode()
    assert client.get("/tenants/").status_code == 302


def test_a_recovery_code_works_once(client, landlord_staff):
    _, codes = enrol(landlord_staff)
    log_in_with_password(client, landlord_staff)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.get("/tenants/").status_code == 200
    client.post(reverse("account_logout"))
    log_in_with_password(client, landlord_staff)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert "Code incorrect" in response.content.decode()
    assert client.get("/tenants/").status_code == 302


def test_a_login_that_skipped_the_code_is_asked_for_it(client, landlord_staff):
    """Single sign-on logs in outside allauth's login steps: the portal still asks for the code."""
    secret, _ = enrol(landlord_staff)
    client.force_login(landlord_staff)
    response = client.get("/tenants/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret), "next": "/tenants/"})
    assert response["Location"] == "/tenants/"
    assert client.get("/tenants/").status_code == 200


def test_where_required_the_last_second_factor_cannot_be_switched_off(production, client, landlord_staff):
    secret, _ = enrol(landlord_staff)
    log_in_with_password(client, landlord_staff)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=landlord_staff, type="totp").exists()


def test_where_offered_it_can_be_switched_off(client, funder):
    secret, _ = enrol(funder)
    log_in_with_password(client, funder)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=funder, type="totp").exists()


def test_an_admin_resets_a_lost_device_and_it_is_logged(
    client, programme_admin, landlord_staff, mailoutbox, django_capture_on_commit_callbacks
):
    programme_admin.is_staff = programme_admin.is_superuser = True
    programme_admin.save()
    enrol(landlord_staff)
    client.force_login(programme_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:partners_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [landlord_staff.pk]},
        )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=landlord_staff).exists()
    deletions = LogEntry.objects.filter(
        content_type__model="authenticator", action=LogEntry.Action.DELETE, actor=programme_admin
    )
    assert deletions.count() == 2  # the app and the recovery codes
    assert "secret" not in str(deletions.first().changes)
    assert [m.to for m in mailoutbox] == [[landlord_staff.email]]


def test_only_a_programme_admin_resets_a_second_factor(coordinator, landlord_staff):
    enrol(landlord_staff)
    with pytest.raises(PermissionDenied):
        services.second_factor_reset(actor=coordinator, user=landlord_staff)
    assert Authenticator.objects.filter(user=landlord_staff).count() == 2


def test_after_a_reset_the_person_sets_up_a_new_one(production, client, landlord_staff, programme_admin):
    enrol(landlord_staff)
    services.second_factor_reset(actor=programme_admin, user=landlord_staff)
    log_in_with_password(client, landlord_staff)
    assert client.get("/tenants/")["Location"].startswith(reverse("mfa_activate_totp"))


def test_the_demo_account_with_a_second_factor_uses_the_readme_secret(client, capsys):
    call_command("load_demo")
    user = User.objects.get(email=DEMO_TOTP_EMAIL)
    client.post(reverse("account_login"), {"login": DEMO_TOTP_EMAIL, "password": DEMO_PASSWORD})
    capsys.readouterr()
    call_command("demo_totp")
    code = capsys.readouterr().out.strip()
    assert code == current_code(DEMO_TOTP_SECRET)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get(reverse("dashboard")).status_code == 200
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
