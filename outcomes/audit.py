from partners.audit import track

from . import models

for model in (models.Exit, models.FollowUp, models.FunderOutcomeSettings, models.Report):
    track(model)
