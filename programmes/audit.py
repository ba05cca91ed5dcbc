from partners.audit import track

from . import models

for model in (models.Programme, models.ProgrammeLandlord, models.ProgrammePartner, models.FundingLine):
    track(model)

# Activities and sessions (issue 4): who scheduled or moved a session.
for model in (models.Activity, models.Session):
    track(model)

# Selection committee (issue 5): every application, review and decision change is traced;
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
    track(model, exclude_fields=["lock_version"])
