"""Applicants write an application together, attach files, submit before the deadline; it freezes."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from partners.models import Membership
from programmes.committee import services
from programmes.committee.models import Application, ApplicationPartner, Attachment
from programmes.models import ProgrammePartner
from tests.committee.fixtures import ApplicationFactory
from tests.factories import LandlordFactory, NeighbourhoodFactory, member

R = Membership.Role


def ooxml(marker):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<document/>")
    return buffer.getvalue()


@pytest.fixture
def draft(call, landlord, association):
    draft = ApplicationFactory(call=call, lead_landlord=landlord, title="Couture solidaire")
    ApplicationPartner.objects.create(
        application=draft, organisation=association, role=ProgrammePartner.Role.COORDINATOR
    )
    return draft


def edit_data(application, **changes):
    data = {
        "title": application.title,
        "summary": "Ateliers couture au pied des immeubles.",
        "objectives": "8 locataires en emploi.",
        "actions": "Ateliers, immersions.",
        "planned_start": "2027-01-04",
        "duration_months": "24",
        "target_participants": "8",
        "target_period": "per_year",
        "total_budget": "96000",
        "neighbourhoods": [n.pk for n in application.neighbourhoods.all()],
        "version": application.version,
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "cofinancing-TOTAL_FORMS": "0",
        "cofinancing-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_landlord_staff_start_a_draft_for_their_landlord(client, call, landlord_staff, landlord):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("committee:application_create", args=[call.pk]),
        {"title": "Rallye de l'emploi", "lead_landlord": landlord.pk},
    )
    application = Application.objects.get()
    assert response.url == reverse("committee:application_edit", args=[application.pk])
    assert (application.status, application.lead_landlord, application.created_by) == (
        Application.Status.DRAFT,
        landlord,
        landlord_staff,
    )


def test_a_coordinator_applying_with_a_landlord_joins_as_partner(client, call, coordinator, association, landlord):
    client.force_login(coordinator)
    client.post(
        reverse("committee:application_create", args=[call.pk]), {"title": "Couture", "lead_landlord": landlord.pk}
    )
    partner = Application.objects.get().partner_links.get()
    assert (partner.organisation, partner.role) == (association, ProgrammePartner.Role.COORDINATOR)


def test_landlord_staff_cannot_apply_for_another_landlord(client, call, landlord_staff, other_landlord):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("committee:application_create", args=[call.pk]),
        {"title": "Usurpation", "lead_landlord": other_landlord.pk},
    )
    assert response.status_code == 200
    assert "au nom d’un bailleur pour lequel vous travaillez" in response.content.decode()
    assert not Application.objects.exists()


def test_partners_edit_the_draft_together_with_co_financing_lines(client, draft, coordinator, funder):
    dreets = funder.memberships.get().organisation
    co_landlord = LandlordFactory(name="Logis du Gâtinais")
    client.force_login(coordinator)
    data = edit_data(
        draft,
        co_landlords=[co_landlord.pk],
        **{
            "cofinancing-TOTAL_FORMS": "1",
            "cofinancing-0-funder": dreets.pk,
            "cofinancing-0-year": "2027",
            "cofinancing-0-amount": "40000",
            "cofinancing-0-status": "requested",
        },
    )
    response = client.post(reverse("committee:application_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.duration_months == 24 and draft.version == 1
    assert list(draft.co_landlords.all()) == [co_landlord]
    assert draft.cofinancing_lines.get().amount == 40000


def test_editing_changes_and_removes_existing_partner_and_budget_lines(client, draft, landlord_staff, funder):
    dreets = funder.memberships.get().organisation
    line = draft.cofinancing_lines.create(funder=dreets, year=2027, amount=40000)
    partner = draft.partner_links.get()
    client.force_login(landlord_staff)
    data = edit_data(
        draft,
        **{
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "1",
            "partners-0-id": partner.pk,
            "partners-0-application": draft.pk,
            "partners-0-organisation": partner.organisation_id,
            "partners-0-role": partner.role,
            "partners-0-DELETE": "on",
            "cofinancing-TOTAL_FORMS": "1",
            "cofinancing-INITIAL_FORMS": "1",
            "cofinancing-0-id": line.pk,
            "cofinancing-0-application": draft.pk,
            "cofinancing-0-funder": dreets.pk,
            "cofinancing-0-year": "2027",
            "cofinancing-0-amount": "45000",
            "cofinancing-0-status": "granted",
        },
    )
    assert client.post(reverse("committee:application_edit", args=[draft.pk]), data).status_code == 302
    assert not draft.partner_links.exists()
    line.refresh_from_db()
    assert (line.amount, line.status) == (45000, "granted")


def test_a_line_of_another_application_is_never_touched(draft, landlord_staff, landlord, call, funder):
    other = ApplicationFactory(call=call, lead_landlord=landlord)
    theirs = other.cofinancing_lines.create(funder=funder.memberships.get().organisation, year=2027, amount=10)
    with translation.override("fr"), pytest.raises(ValidationError, match="rechargez la page"):
        services.application_update(
            actor=landlord_staff,
            application=draft,
            version=draft.version,
            fields={},
            co_landlords=[],
            neighbourhoods=draft.neighbourhoods.all(),
            co_financing=[services.CoFinancingRow(id=theirs.pk, delete=True)],
        )
    assert other.cofinancing_lines.filter(pk=theirs.pk).exists()


def test_a_save_from_a_stale_page_is_refused_and_overwrites_nothing(client, draft, landlord_staff, coordinator):
    client.force_login(landlord_staff)
    client.post(reverse("committee:application_edit", args=[draft.pk]), edit_data(draft, summary="Version Sophie"))
    client.force_login(coordinator)
    response = client.post(
        reverse("committee:application_edit", args=[draft.pk]),
        edit_data(draft, summary="Version Nadia", version=0),
    )
    assert response.status_code == 200
    assert f"{landlord_staff} a enregistré ceci le" in response.content.decode()
    draft.refresh_from_db()
    assert draft.summary == "Version Sophie"


def test_outsiders_do_not_see_a_draft_and_cannot_edit_it(client, draft, other_landlord_staff, committee_member):
    for user in (other_landlord_staff, committee_member):
        client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.post(reverse("committee:application_edit", args=[draft.pk]), edit_data(draft)).status_code == 404
    assert client.get(reverse("committee:application_list")).context["table"].data.data.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("budget.pdf", b"%PDF-1.7\n...", True),
        ("convention.docx", ooxml("word/document.xml"), True),
        ("budget.xlsx", ooxml("xl/workbook.xml"), True),
        ("budget.xlsx", ooxml("word/document.xml"), False),  # a Word file renamed
        ("photo.pdf", b"\x89PNG\r\n", False),  # an image renamed
        ("script.exe", b"MZ", False),
    ],
)
def test_attachments_are_checked_by_type(client, draft, landlord_staff, name, content, accepted):
    client.force_login(landlord_staff)
    client.post(reverse("committee:attachment_upload", args=[draft.pk]), {"file": SimpleUploadedFile(name, content)})
    assert Attachment.objects.filter(application=draft).exists() is accepted


def test_a_too_large_attachment_is_refused_with_its_size(client, draft, landlord_staff, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(landlord_staff)
    response = client.post(
        reverse("committee:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("gros.pdf", b"%PDF-" + b"0" * 2000)},
        follow=True,
    )
    assert not Attachment.objects.exists()
    assert "trop volumineux" in response.content.decode()


def test_an_attachment_is_stored_and_downloaded_by_those_who_see_the_application(
    client, draft, landlord_staff, other_landlord_staff
):
    client.force_login(landlord_staff)
    client.post(
        reverse("committee:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("budget.pdf", b"%PDF-1.7 budget")},
    )
    attachment = Attachment.objects.get()
    url = reverse("committee:attachment_download", args=[attachment.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.7 budget"
    client.force_login(other_landlord_staff)
    assert client.get(url).status_code == 404


def test_submitting_freezes_the_application(client, draft, landlord_staff):
    client.force_login(landlord_staff)
    client.post(reverse("committee:application_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED and draft.submitted_at
    assert list(draft.transitions.values_list("to_status", flat=True)) == ["submitted"]
    assert client.post(reverse("committee:application_edit", args=[draft.pk]), edit_data(draft)).status_code == 403
    assert (
        client.post(
            reverse("committee:attachment_upload", args=[draft.pk]), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1")}
        ).status_code
        == 403
    )


def test_an_incomplete_application_cannot_be_submitted(client, draft, landlord_staff):
    draft.neighbourhoods.clear()
    Application.objects.filter(pk=draft.pk).update(objectives="")
    client.force_login(landlord_staff)
    response = client.post(reverse("committee:application_submit", args=[draft.pk]), follow=True)
    assert "objectifs, au moins un quartier" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft


def test_nothing_is_submitted_after_the_deadline(client, draft, landlord_staff):
    draft.call.deadline = timezone.now() - datetime.timedelta(minutes=1)
    draft.call.save()
    client.force_login(landlord_staff)
    response = client.post(reverse("committee:application_submit", args=[draft.pk]), follow=True)
    assert "La date limite de l’appel est passée" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_revision_keeps_the_submitted_application_until_it_is_submitted(client, draft, landlord_staff):
    services.application_submit(actor=landlord_staff, application=draft)
    client.force_login(landlord_staff)
    client.post(reverse("committee:application_revise", args=[draft.pk]))
    revision = Application.objects.get(previous=draft)
    assert (revision.revision, revision.status) == (2, Application.Status.DRAFT)
    assert revision.partner_links.count() == 1 and revision.neighbourhoods.count() == 1
    client.post(reverse("committee:application_edit", args=[revision.pk]), edit_data(revision, summary="Révisé"))
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED and draft.summary != "Révisé"
    client.post(reverse("committee:application_submit", args=[revision.pk]))
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUPERSEDED
    assert client.get(draft.get_absolute_url()).status_code == 200  # the old one stays readable


def test_a_committee_member_sees_an_application_only_once_on_their_agenda(client, item, members, call):
    client.force_login(members[0])
    other = ApplicationFactory(
        call=call, status="submitted", submitted_at=timezone.now(), neighbourhoods=[NeighbourhoodFactory()]
    )
    assert client.get(item.application.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_funders_and_strangers_cannot_apply(client, call, funder):
    client.force_login(funder)
    response = client.post(reverse("committee:application_create", args=[call.pk]), {"title": "X"})
    assert response.status_code == 403
    stranger = member(R.COMMITTEE_MEMBER, email="x@comite.fr")
    client.force_login(stranger)
    assert client.get(reverse("committee:application_create", args=[call.pk])).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_applicant_exports_the_list_of_their_applications(
    client, draft, application, landlord_staff, other_landlord, call, fmt
):
    ApplicationFactory(call=call, lead_landlord=other_landlord, title="Pas le mien")
    client.force_login(landlord_staff)
    response = client.get(reverse("committee:application_list") + f"?export={fmt}")
    if fmt == "csv":
        rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.title == "Dossiers" and sheet["A1"].value.startswith("Dossiers — exporté le")
        rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[0][:3] == ["Dossier", "Appel", "Bailleur chef de file"]
    assert sorted(row[0] for row in rows[1:]) == ["Ateliers couture", "Couture solidaire"]


def test_applicants_withdraw_an_application_until_it_is_on_an_agenda(
    client, draft, application, item, landlord_staff, other_landlord_staff
):
    url = reverse("committee:application_withdraw", args=[draft.pk])
    client.force_login(other_landlord_staff)
    assert client.post(url).status_code == 404
    client.force_login(landlord_staff)
    client.post(url)
    draft.refresh_from_db()
    assert draft.status == Application.Status.WITHDRAWN
    assert draft.transitions.last().by == landlord_staff
    assert client.post(reverse("committee:application_withdraw", args=[application.pk])).status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_revision_cannot_replace_a_version_already_on_an_agenda(client, draft, meeting, landlord_staff):
    from tests.committee.fixtures import put_on_agenda

    draft = services.application_submit(actor=landlord_staff, application=draft)
    revision = services.application_revise(actor=landlord_staff, application=draft)
    put_on_agenda(meeting, draft)
    client.force_login(landlord_staff)
    response = client.post(reverse("committee:application_submit", args=[revision.pk]), follow=True)
    assert "déjà à l’ordre du jour d’un comité" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
