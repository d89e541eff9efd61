"""URLs of monitoring, under /monitoring/."""

from django.urls import path

from . import outcome_views, statform_views, views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("overview/", views.overview, name="overview"),
    path("programs/<int:pk>/", views.program_card, name="program-card"),
    path("programs/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("programs/<int:pk>/protocols/new/", views.protocol_create, name="protocol-create"),
    path("programs/<int:pk>/pupil-results/", outcome_views.pupil_results, name="pupil-results"),
    path("programs/<int:pk>/activity/", outcome_views.activity, name="activity"),
    path("programs/<int:pk>/adaptation/", outcome_views.adaptation, name="adaptation"),
    path("questionnaires/", views.template_list, name="template-list"),
    path("questionnaires/new/", views.template_create, name="template-create"),
    path("questionnaires/<int:pk>/", views.template_builder, name="template-builder"),
    path("questionnaires/<int:pk>/copy/", views.template_copy, name="template-copy"),
    path("questionnaires/<int:pk>/questions/", views.question_add, name="question-add"),
    path("questionnaires/<int:pk>/sections/", views.section_add, name="section-add"),
    path(
        "questionnaires/<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question-delete",
    ),
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign-close"),
    path("campaigns/<int:pk>/print/", views.campaign_print, name="campaign-print"),
    path("campaigns/<int:pk>/paper/<int:assignment_pk>/", views.survey_paper, name="survey-paper"),
    path("s/<str:token>/", views.survey_fill, name="survey-fill"),
    path("criteria/", views.criteria, name="criteria"),
    path("indicators/", views.indicators, name="indicators"),
    path("reports/", views.reports, name="reports"),
    path("reports/annual.<str:fmt>", views.annual_report, name="annual-report"),
    path("reports/statistical-form.xlsx", statform_views.statistical_form, name="statistical-form"),
    path("reports/statistical-form/", statform_views.statistical_form_page, name="statistical-form-page"),
    path("reports/recommendations/", statform_views.recommendations, name="recommendations"),
    path(
        "reports/recommendations/<int:pk>/edit/",
        statform_views.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "reports/recommendations/<int:pk>/dismiss/",
        statform_views.recommendation_dismiss,
        name="recommendation-dismiss",
    ),
    path("overview/consolidated-form/", statform_views.consolidated_form, name="consolidated-form"),
    path(
        "overview/consolidated-form.xlsx",
        statform_views.consolidated_form_xlsx,
        name="consolidated-form-xlsx",
    ),
]
