from django.urls import path

from . import municipal_views, views

app_name = "territory"

urlpatterns = [
    path("", views.territory_overview, name="overview"),
    path("organizations/<int:pk>/", views.territory_organization, name="organization"),
    path("roadmap/", views.roadmap_current, name="roadmap-current"),
    path("roadmap/start/", views.roadmap_start, name="roadmap-start"),
    path("roadmaps/<int:pk>/", views.roadmap_detail, name="roadmap-detail"),
    path("roadmaps/<int:pk>/events/add/", views.event_add, name="event-add"),
    path("roadmaps/<int:pk>/events/<int:event_pk>/edit/", views.event_edit, name="event-edit"),
    path("roadmaps/<int:pk>/events/<int:event_pk>/delete/", views.event_delete, name="event-delete"),
    path("roadmaps/<int:pk>/events/<int:event_pk>/status/", views.event_status, name="event-status"),
    path("roadmaps/<int:pk>/approve/", views.roadmap_approve, name="roadmap-approve"),
    path("roadmaps/<int:pk>/agree/", views.roadmap_agree, name="roadmap-agree"),
    path("roadmaps/<int:pk>/return/", views.roadmap_return, name="roadmap-return"),
    path("roadmaps/<int:pk>/remarks/<int:remark_pk>/answer/", views.remark_answer, name="remark-answer"),
    path("consents/", views.consent_list, name="consent-list"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("mentors/", views.regional_mentors, name="regional-mentors"),
    path("programs/", views.regional_bank, name="regional-bank"),
    path("documents/", views.documents, name="documents"),
    path("documents/regulation.pdf", views.regulation_pdf, name="regulation-pdf"),
    path("documents/thanks/<int:pk>.pdf", views.thanks_pdf, name="thanks-pdf"),
    path("documents/regulation/", views.regulation, name="regulation"),
    path("documents/regulation/start/", views.regulation_start, name="regulation-start"),
    path(
        "documents/regulation/<int:pk>/sections/<int:number>/",
        views.regulation_section,
        name="regulation-section",
    ),
    path(
        "documents/regulation/<int:pk>/sections/add/",
        views.regulation_section_add,
        name="regulation-section-add",
    ),
    path(
        "documents/regulation/<int:pk>/sections/<int:number>/remove/",
        views.regulation_section_remove,
        name="regulation-section-remove",
    ),
    path(
        "documents/regulation/<int:pk>/versions/<int:number>/",
        views.regulation_version,
        name="regulation-version",
    ),
    path("documents/regulation/<int:pk>/order/", views.regulation_order, name="regulation-order"),
    path("documents/regulation/<int:pk>/protocol/", views.regulation_protocol, name="regulation-protocol"),
    path("documents/awards/new/", views.award_create, name="award-create"),
    path("documents/awards/<int:pk>.pdf", views.award_pdf, name="award-pdf"),
    path("people/<int:pk>/portfolio.pdf", views.portfolio_pdf, name="portfolio-pdf"),
    path("routes/", views.route_list, name="route-list"),
    path("routes/add/", views.route_create, name="route-create"),
    path("routes/tutored/", views.route_tutored, name="route-tutored"),
    path("routes/<int:pk>/", views.route_detail, name="route-detail"),
    path("routes/<int:pk>/tutor/", views.route_tutor, name="route-tutor"),
    path("routes/<int:pk>/notes/", views.route_note_add, name="route-note-add"),
    path("routes/<int:pk>/actions/", views.route_action_add, name="route-action-add"),
    path("routes/<int:pk>/actions/<int:action_pk>/product/", views.route_product, name="route-product"),
    path("routes/<int:pk>/finish/", views.route_finish, name="route-finish"),
    # The municipality's documents and the region's stage template (municipal_views.py).
    path("municipalities/", municipal_views.municipal_list, name="municipal-list"),
    path("municipalities/<int:pk>/", municipal_views.municipal_detail, name="municipal-detail"),
    path(
        "municipalities/<int:pk>/regulation/start/",
        municipal_views.municipal_regulation_start,
        name="municipal-regulation-start",
    ),
    path(
        "municipalities/<int:pk>/regulation.pdf",
        municipal_views.municipal_regulation_in_force_pdf,
        name="municipal-regulation-in-force-pdf",
    ),
    path(
        "municipalities/<int:pk>/certificate.pdf",
        municipal_views.municipal_certificate_pdf,
        name="municipal-certificate-pdf",
    ),
    path(
        "municipal-regulations/<int:pk>/sections/<int:number>/",
        municipal_views.municipal_regulation_section,
        name="municipal-regulation-section",
    ),
    path(
        "municipal-regulations/<int:pk>/versions/<int:number>/",
        municipal_views.municipal_regulation_version,
        name="municipal-regulation-version",
    ),
    path(
        "municipal-regulations/<int:pk>/regulation.pdf",
        municipal_views.municipal_regulation_pdf,
        name="municipal-regulation-pdf",
    ),
    path(
        "municipal-regulations/<int:pk>/order/",
        municipal_views.municipal_order_create,
        name="municipal-order-create",
    ),
    path("municipal-orders/<int:pk>.pdf", municipal_views.municipal_order_pdf, name="municipal-order-pdf"),
    path(
        "municipal-orders/<int:pk>/register/",
        municipal_views.municipal_order_register,
        name="municipal-order-register",
    ),
    path("region/stages/", municipal_views.stage_template, name="stage-template"),
]
