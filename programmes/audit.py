from partners.audit import track

from . import models

for model in (models.Programme, models.ProgrammeLandlord, models.ProgrammePartner, models.FundingLine):
    track(model)
