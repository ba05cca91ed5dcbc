from django.urls import path

from .views import attendance, pathways

urlpatterns = [
    # Attendance of a session (the programme side of a session is programmes:session_detail).
    path("sessions/<int:pk>/attendance/", attendance.attendance_sheet, name="attendance_sheet"),
    path("sessions/<int:pk>/register/", attendance.session_register, name="session_register"),
    path("sessions/<int:pk>/walk-in/", attendance.walk_in_add, name="walk_in_add"),
    path("sessions/<int:pk>/sign-in-sheet.pdf", attendance.sign_in_sheet_pdf, name="sign_in_sheet_pdf"),
    path("sessions/<int:pk>/signed-sheets/", attendance.sign_in_sheet_upload, name="sign_in_sheet_upload"),
    path("signed-sheets/<int:pk>/", attendance.sign_in_sheet_download, name="sign_in_sheet_download"),
    path("registrations/<int:pk>/link/", attendance.walk_in_link, name="walk_in_link"),
    path("registrations/<int:pk>/remove/", attendance.registration_remove, name="registration_remove"),
    # Pathways of participants.
    path("participants/", pathways.enrolment_list, name="enrolment_list"),
    path("participants/<int:pk>/", pathways.enrolment_detail, name="enrolment_detail"),
    path("participants/<int:pk>/steps/new/", pathways.step_create, name="step_create"),
    path("steps/<int:pk>/edit/", pathways.step_update, name="step_update"),
    path("participants/<int:pk>/notes/new/", pathways.note_create, name="note_create"),
    path("participants/<int:pk>/assessments/new/", pathways.assessment_create, name="assessment_create"),
    path("participants/<int:pk>/team/", pathways.team_update, name="team_update"),
    path("participants/<int:pk>/contracts/new/", pathways.contract_create, name="contract_create"),
    path("contracts/<int:pk>/hours/", pathways.weekly_hours_record, name="weekly_hours_record"),
    path("work-hours/", pathways.work_hours_list, name="work_hours_list"),
    path("work-hours/week/", pathways.work_hours_week, name="work_hours_week"),
]
