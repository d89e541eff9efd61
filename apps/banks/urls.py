from django.urls import path

from . import petition_views, views

app_name = "banks"

urlpatterns = [
    path("mentees/", views.mentee_list, name="mentee-list"),
    path("mentees/new/", views.mentee_create, name="mentee-create"),
    path("mentees/<int:pk>/", views.mentee_detail, name="mentee-detail"),
    path("mentees/<int:pk>/edit/", views.mentee_edit, name="mentee-edit"),
    path("mentees/<int:pk>/accept/", views.mentee_accept, name="mentee-accept"),
    path("mentees/<int:pk>/reject/", views.mentee_reject, name="mentee-reject"),
    path("mentees/<int:pk>/leave/", views.mentee_leave, name="mentee-leave"),
    path("mentors/", views.mentor_list, name="mentor-list"),
    path("mentors/new/", views.mentor_create, name="mentor-create"),
    path("mentors/<int:pk>/", views.mentor_detail, name="mentor-detail"),
    path("mentors/<int:pk>/edit/", views.mentor_edit, name="mentor-edit"),
    path("mentors/<int:pk>/consent/", views.mentor_consent_document, name="mentor-consent-document"),
    path("mentors/<int:pk>/approve/", views.mentor_approve, name="mentor-approve"),
    path("mentors/<int:pk>/reject/", views.mentor_reject, name="mentor-reject"),
    path("mentors/<int:pk>/release/", views.mentor_release, name="mentor-release"),
    path("my/", views.my_entries, name="my"),
    path("my/want-mentor/", views.questionnaire_mentee, name="questionnaire-mentee"),
    path("my/become-mentor/", views.questionnaire_mentor, name="questionnaire-mentor"),
    path("petitions/", petition_views.petition_list, name="petition-list"),
    path("petitions/paper/", petition_views.petition_paper, name="petition-paper"),
    path("petitions/<int:pk>/", petition_views.petition_detail, name="petition-detail"),
    path("petitions/<int:pk>/pdf/", petition_views.petition_pdf_view, name="petition-pdf"),
    path("petitions/<int:pk>/scan/", petition_views.petition_scan, name="petition-scan"),
    path("petitions/<int:pk>/accept/", petition_views.petition_accept, name="petition-accept"),
    path("petitions/<int:pk>/decline/", petition_views.petition_decline, name="petition-decline"),
    path("my/petitions/", petition_views.my_petitions, name="my-petitions"),
    path("my/petitions/new/", petition_views.petition_new, name="petition-new"),
    path("new-year/", views.carry_over, name="carry-over"),
]
