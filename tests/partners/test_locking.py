"""The one optimistic lock: compare-and-increment, one error, one message naming who and when."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone, translation

from partners.locking import StaleSave, claim, stale_message, stale_rows, stamp
from tenants.models import Tenant, WeeklyHours
from tests.factories import TenantFactory, UserFactory, WeeklyHoursFactory

pytestmark = pytest.mark.django_db


def test_a_save_from_the_current_version_bumps_it_and_says_who_and_when(landlord_staff):
    tenant = TenantFactory()
    claim(tenant, version=0, by=landlord_staff)
    tenant.phone = "06 11 11 11 11"
    tenant.save()
    row = Tenant.objects.get(pk=tenant.pk)
    assert (row.version, row.saved_by, row.phone) == (1, landlord_staff, "06 11 11 11 11")
    assert (tenant.version, tenant.saved_by) == (1, landlord_staff)
    assert timezone.now() - row.saved_at < datetime.timedelta(minutes=1)


def test_a_save_from_a_stale_version_is_refused_naming_who_saved_and_when(landlord_staff, coordinator):
    tenant = TenantFactory()
    claim(tenant, version=0, by=landlord_staff)
    saved_at = timezone.localtime(Tenant.objects.get(pk=tenant.pk).saved_at)
    with pytest.raises(StaleSave) as refused, translation.override("fr"):
        claim(tenant, version=0, by=coordinator)
    assert refused.value.by == landlord_staff
    assert refused.value.message.startswith(
        f"{landlord_staff} a enregistré ceci le {saved_at:%d/%m/%Y} à {saved_at:%H:%M}, pendant que vous le modifiiez."
    )
    row = Tenant.objects.get(pk=tenant.pk)
    assert (row.version, row.phone) == (1, tenant.phone)


def test_a_missing_version_counts_as_stale(landlord_staff):
    tenant = TenantFactory()
    with pytest.raises(StaleSave):
        claim(tenant, version=None, by=landlord_staff)
    assert Tenant.objects.get(pk=tenant.pk).version == 0


def test_the_message_when_nobody_is_known():
    with translation.override("fr"):
        assert stale_message() == (
            "Quelqu’un d’autre a enregistré ceci pendant que vous le modifiiez. "
            "Rien de votre saisie n’a été enregistré : regardez ses modifications, puis refaites les vôtres."
        )
    with translation.override("en"):
        assert stale_message(at=datetime.datetime(2025, 1, 15, 8, 5, tzinfo=datetime.UTC)).startswith(
            "Someone else saved this on 15/01/2025 at 09:05"  # Paris time
        )


def test_a_row_deleted_meanwhile_is_stale_with_nobody_named(landlord_staff):
    tenant = TenantFactory()
    Tenant.objects.filter(pk=tenant.pk).delete()
    with pytest.raises(StaleSave) as refused:
        claim(tenant, version=0, by=landlord_staff)
    assert refused.value.by is None and refused.value.at is None


def test_rows_saved_together_are_stale_when_they_appeared_changed_or_went(coordinator):
    kept, changed, gone = WeeklyHoursFactory.create_batch(3)
    for week in (kept, changed):
        stamp(week, by=coordinator)
        week.save()
    changed_version = changed.version
    stamp(changed, by=coordinator)
    changed.save()
    appeared = WeeklyHoursFactory()
    current = {week.pk: week for week in WeeklyHours.objects.filter(pk__in=[kept.pk, changed.pk, appeared.pk])}
    versions = {kept.pk: kept.version, changed.pk: changed_version, gone.pk: 0, appeared.pk: None}
    stale = stale_rows(current, versions)
    assert set(stale) == {changed.pk, gone.pk, appeared.pk}
    assert stale[changed.pk].by == coordinator and stale[gone.pk].by is None


@pytest.mark.django_db(transaction=True)
def test_of_parallel_saves_from_one_version_exactly_one_wins():
    tenant = TenantFactory()
    people = UserFactory.create_batch(8)
    barrier = threading.Barrier(len(people))
    outcomes = []

    def save(person):
        try:
            barrier.wait()
            with transaction.atomic():
                row = Tenant.objects.get(pk=tenant.pk)
                claim(row, version=0, by=person)
                row.phone = person.email
                row.save()
            outcomes.append("saved")
        except StaleSave:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["refused"] * 7 + ["saved"]
    row = Tenant.objects.get(pk=tenant.pk)
    assert row.version == 1 and row.phone == row.saved_by.email
