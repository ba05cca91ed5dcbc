from partners.audit import track

from . import models

for model in (models.Programme, models.ProgrammeLandlord, models.ProgrammePartner, models.FundingLine):
    track(model)

# Activities and sessions: who scheduled or moved a session.
for model in (models.Activity, models.Session):
    track(model)
