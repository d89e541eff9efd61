from django.urls import path

from .views import activity, bank, changes, downloads, events, plans, programs

app_name = "programs"

urlpatterns = [
    path("", programs.program_list, name="program-list"),
    path("new/<int:group_pk>/", programs.program_create, name="program-create"),
    path("<int:pk>/", programs.program_detail, name="program-detail"),
    path("<int:pk>/edit/", programs.program_edit, name="program-edit"),
    path("<int:pk>/agree/", programs.program_agree, name="program-agree"),
    path("<int:pk>/submit/", programs.program_submit, name="program-submit"),
    path("<int:pk>/return/", programs.program_return, name="program-return"),
    path("<int:pk>/approve/", programs.program_approve, name="program-approve"),
    path("<int:pk>/versions/", programs.program_versions, name="program-versions"),
    path("<int:pk>/plan/<str:plan>/add/", plans.plan_item, name="plan-add"),
    path("<int:pk>/plan/<str:plan>/<int:item_id>/", plans.plan_item, name="plan-edit"),
    path("<int:pk>/plan/<str:plan>/<int:item_id>/delete/", plans.plan_item_delete, name="plan-delete"),
    path("<int:pk>/events/", events.event_list, name="event-list"),
    path("<int:pk>/events/add/", events.event_edit, name="event-add"),
    path("<int:pk>/events/<int:event_id>/edit/", events.event_edit, name="event-edit"),
    path("<int:pk>/events/<int:event_id>/done/", events.event_done, name="event-done"),
    path("<int:pk>/events/<int:event_id>/cancel/", events.event_cancel, name="event-cancel"),
    path("<int:pk>/calendar/", events.program_calendar, name="program-calendar"),
    path("<int:pk>/log/", activity.activity_list, name="activity-list"),
    path("<int:pk>/log/add/", activity.activity_add, name="activity-add"),
    path("<int:pk>/log/<int:activity_id>/edit/", activity.activity_edit, name="activity-edit"),
    path("<int:pk>/log/<int:activity_id>/delete/", activity.activity_delete, name="activity-delete"),
    path("<int:pk>/comment/", activity.comment_add, name="comment-add"),
    path("<int:pk>/change/", changes.change_propose, name="change-propose"),
    path("<int:pk>/change/<int:change_id>/consent/", changes.change_consent, name="change-consent"),
    path("<int:pk>/change/<int:change_id>/withdraw/", changes.change_withdraw, name="change-withdraw"),
    path("<int:pk>/end/", changes.program_end, name="program-end"),
    path("<int:pk>/publish/", bank.program_publish, name="program-publish"),
    path("<int:pk>/pdf/", downloads.program_pdf, name="program-pdf"),
    path("<int:pk>/roadmap.xlsx", downloads.roadmap_xlsx, name="roadmap-xlsx"),
    path("files/<int:file_id>/", downloads.file_download, name="file-download"),
    path("bank/", bank.bank_list, name="bank-list"),
    path("bank/<int:pk>/", bank.bank_detail, name="bank-detail"),
    path("bank/<int:pk>/public/", bank.bank_public, name="bank-public"),
    path("calendar/", events.my_calendar, name="my-calendar"),
    path("calendar/<str:token>.ics", events.ics_feed, name="ics-feed"),
]
