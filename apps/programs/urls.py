from django.urls import path

from .views import programs as views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="program-list"),
    path("new/<int:group_pk>/", views.program_create, name="program-create"),
    path("<int:pk>/", views.program_detail, name="program-detail"),
    path("<int:pk>/edit/", views.program_edit, name="program-edit"),
    path("<int:pk>/agree/", views.program_agree, name="program-agree"),
    path("<int:pk>/submit/", views.program_submit, name="program-submit"),
    path("<int:pk>/return/", views.program_return, name="program-return"),
    path("<int:pk>/approve/", views.program_approve, name="program-approve"),
    path("<int:pk>/versions/", views.program_versions, name="program-versions"),
    path("<int:pk>/plan/<str:plan>/add/", views.plan_item, name="plan-add"),
    path("<int:pk>/plan/<str:plan>/<int:item_id>/", views.plan_item, name="plan-edit"),
    path("<int:pk>/plan/<str:plan>/<int:item_id>/delete/", views.plan_item_delete, name="plan-delete"),
    path("<int:pk>/events/", views.event_list, name="event-list"),
    path("<int:pk>/events/add/", views.event_edit, name="event-add"),
    path("<int:pk>/events/<int:event_id>/edit/", views.event_edit, name="event-edit"),
    path("<int:pk>/events/<int:event_id>/done/", views.event_done, name="event-done"),
    path("<int:pk>/events/<int:event_id>/cancel/", views.event_cancel, name="event-cancel"),
    path("<int:pk>/calendar/", views.program_calendar, name="program-calendar"),
    path("<int:pk>/log/", views.activity_list, name="activity-list"),
    path("<int:pk>/log/add/", views.activity_add, name="activity-add"),
    path("<int:pk>/comment/", views.comment_add, name="comment-add"),
    path("<int:pk>/change/", views.change_propose, name="change-propose"),
    path("<int:pk>/change/<int:change_id>/consent/", views.change_consent, name="change-consent"),
    path("<int:pk>/change/<int:change_id>/withdraw/", views.change_withdraw, name="change-withdraw"),
    path("<int:pk>/end/", views.program_end, name="program-end"),
    path("<int:pk>/publish/", views.program_publish, name="program-publish"),
    path("<int:pk>/pdf/", views.program_pdf, name="program-pdf"),
    path("<int:pk>/roadmap.xlsx", views.roadmap_xlsx, name="roadmap-xlsx"),
    path("files/<int:file_id>/", views.file_download, name="file-download"),
    path("bank/", views.bank_list, name="bank-list"),
    path("bank/<int:pk>/", views.bank_detail, name="bank-detail"),
    path("calendar/", views.my_calendar, name="my-calendar"),
    path("calendar/<str:token>.ics", views.ics_feed, name="ics-feed"),
]
