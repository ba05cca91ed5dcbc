from partners.audit import track

from . import models

for model in (models.Tenant, models.Consent, models.Referral, models.Enrolment, models.Registration):
    track(model)
