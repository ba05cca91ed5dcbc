from partners.audit import track

from . import models

# Every application, review and decision change is traced;
# the optimistic-lock counter is bookkeeping, not a change anyone made.
for model in (
    models.Call,
    models.Criterion,
    models.Application,
    models.ApplicationPartner,
    models.CoFinancingLine,
    models.Attachment,
    models.Meeting,
    models.MeetingMember,
    models.AgendaItem,
    models.ConflictDeclaration,
    models.Score,
    models.Vote,
    models.Decision,
):
    track(model, exclude_fields=["version", "saved_by", "saved_at"])
