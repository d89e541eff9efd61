"""Which pages are personal-data access, and how each is recorded by ``AccessAuditMiddleware``.

A URL name here is recorded after a successful answer (GET 200, POST 302). Any list answered with
``?export=xlsx`` is recorded as an export even when it is not named here. Add a row when a new page
shows, prints or exports personal data.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Audited:
    action: str  # AccessEvent.Action value for GET; POST of a form counts as «change» unless set
    model: str  # app_label.model_name of the object the URL argument points to
    kwarg: str | None = "pk"  # the URL argument holding the object's id (None: no object)
    organization: str | None = "organization_id"  # lookup of the object's organisation id
    post_action: str = "change"


AUDITED_URLS: dict[str, Audited] = {
    # Staff registry and consents.
    "staff:person-detail": Audited("view", "staff.person"),
    "staff:person-edit": Audited("view", "staff.person"),
    "staff:consent-create": Audited("view", "staff.person"),
    "staff:consent-confirm": Audited("view", "staff.person"),
    "staff:consent-pdf": Audited("print", "staff.person"),
    "staff:person-data-export": Audited("export", "staff.person"),  # the answer to the subject's request
    "staff:consent-scan": Audited(
        "view", "staff.personaldataconsent", organization="person__organization_id"
    ),
    "staff:consent-withdraw": Audited(
        "view", "staff.personaldataconsent", organization="person__organization_id"
    ),
    "staff:my-consent": Audited("view", "staff.personaldataconsent", kwarg=None),
    "staff:destruction-act-list": Audited("view", "staff.destructionact", kwarg=None),
    # Banks.
    "banks:mentee-detail": Audited("view", "banks.menteeentry"),
    "banks:mentee-edit": Audited("view", "banks.menteeentry"),
    "banks:mentor-detail": Audited("view", "banks.mentorentry"),
    "banks:mentor-edit": Audited("view", "banks.mentorentry"),
    # Pairs, orders, programs: documents with names.
    "pairs:agreement-pdf": Audited("print", "pairs.mentoringgroup"),
    "pairs:consent-scan": Audited("view", "pairs.mentoringgroup"),
    "pairs:consent-past-scan": Audited("view", "pairs.mentoringgroup"),
    "orders:order-pdf": Audited("print", "orders.order"),
    "orders:order-delete": Audited("delete", "orders.order", post_action="delete"),
    "programs:program-pdf": Audited("print", "programs.program"),
    "programs:roadmap-xlsx": Audited("export", "programs.program"),
    "programs:file-download": Audited(
        "view", "programs.evidencefile", kwarg="file_id", organization="program__organization_id"
    ),
    # Monitoring: printed questionnaires and reports.
    "monitoring:campaign-print": Audited("print", "monitoring.campaign"),
    "monitoring:annual-report": Audited("export", "monitoring.report", kwarg=None),
    "monitoring:statistical-form": Audited("export", "monitoring.report", kwarg=None),
    "monitoring:survey-paper": Audited(
        "view", "monitoring.surveyassignment", kwarg="assignment_pk", organization="campaign__organization_id"
    ),
    # Territory: a letter of thanks names the mentor.
    "territory:thanks-pdf": Audited("print", "banks.mentorentry"),
    # An award and a portfolio name the person.
    "territory:award-pdf": Audited("print", "territory.award"),
    "territory:portfolio-pdf": Audited("print", "staff.person"),
}

# Documents and exports without personal data (checked by tests/audit/test_policy.py).
NOT_PERSONAL = {
    "staff_import:template",  # an empty import template
    "territory:regulation-pdf",  # the organisation's regulation
    "monitoring:reports",  # the page listing the reports (aggregates)
}

EXPORT_PARAMETER = ("export", "xlsx")
