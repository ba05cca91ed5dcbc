"""The audit trail records who changed a person's record, and who read it."""

from auditlog.context import set_actor
from auditlog.models import LogEntry

from partners.audit import log_view
from tests.factories import TenantFactory


def test_reading_a_persons_record_is_logged_with_the_reader(landlord_staff):
    tenant = TenantFactory(last_name="Benali")
    with set_actor(landlord_staff):
        log_view(tenant)
    entry = LogEntry.objects.get_for_object(tenant).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == landlord_staff


def test_changing_a_persons_record_is_logged_with_the_author_and_the_change(landlord_staff):
    tenant = TenantFactory(phone="")
    with set_actor(landlord_staff):
        tenant.phone = "06 12 34 56 78"
        tenant.save()
    entry = LogEntry.objects.get_for_object(tenant).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == landlord_staff
    assert entry.changes_dict["phone"] == ["", "06 12 34 56 78"]
