"""Programme admins write a call's scoring grid; it freezes once a member has scored with it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.committee.models import Score

pytestmark = pytest.mark.django_db


def call_data(call, criteria, **changes):
    """The call page's form as sent: the call's fields and one line per criterion."""
    data = {
        "title": call.title,
        "opens_on": call.opens_on.isoformat(),
        "deadline": call.deadline.strftime("%Y-%m-%dT%H:%M"),
        "budget_envelope": str(call.budget_envelope),
        "eligibility": "",
        "description": "",
        "version": call.version,
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(sum(1 for c in criteria if c.get("id"))),
    }
    for index, criterion in enumerate(criteria):
        for name, value in criterion.items():
            data[f"criteria-{index}-{name}"] = value
    data.update(changes)
    return data


def grid(call):
    return [
        {"id": c.pk, "call": call.pk, "name": c.name, "max_score": c.max_score, "weight": c.weight}
        for c in call.criteria.order_by("position")
    ]


def test_the_admin_adds_changes_and_removes_criteria_in_one_save(client, programme_admin, call):
    relevance, partnership = grid(call)
    client.force_login(programme_admin)
    response = client.post(
        reverse("committee:call_edit", args=[call.pk]),
        call_data(
            call,
            [
                {**relevance, "weight": "3"},
                {**partnership, "DELETE": "on"},
                {"call": call.pk, "name": "Impact", "max_score": "5", "weight": "1"},
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert {(c.name, c.weight) for c in call.criteria.all()} == {("Pertinence", Decimal("3")), ("Impact", 1)}


def test_a_grid_already_used_to_score_can_be_saved_unchanged_but_not_changed(
    client, programme_admin, call, item, members
):
    relevance, partnership = grid(call)
    Score.objects.create(item=item, member=members[0], criterion_id=relevance["id"], value=7)
    client.force_login(programme_admin)
    url = reverse("committee:call_edit", args=[call.pk])

    changed = client.post(url, call_data(call, [relevance, {**partnership, "max_score": "20"}]))
    assert "La grille de notation ne peut plus changer" in changed.content.decode()
    assert call.criteria.get(pk=partnership["id"]).max_score == 5

    unchanged = client.post(url, call_data(call, [relevance, partnership], description="Nouvelle description"))
    assert unchanged.status_code == 302
    call.refresh_from_db()
    assert call.description == "Nouvelle description"
