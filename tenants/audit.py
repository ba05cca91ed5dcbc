from partners.audit import track

from . import models

for model in (
    models.Tenant,
    models.Consent,
    models.Referral,
    models.Enrolment,
    models.Registration,
    models.PathwayStep,
    models.PathwayNote,
    models.BarrierAssessment,
    models.BarrierScore,
    models.WorkContract,
    models.WeeklyHours,
    models.SignInSheet,
):
    track(model)
