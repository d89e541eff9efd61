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
    "banks:mentor-consent-document": Audited("view", "banks.mentorentry"),
    # An application (заявление) names the teacher and their difficulties or strengths.
    "banks:petition-detail": Audited("view", "banks.petition"),
    "banks:petition-pdf": Audited("print", "banks.petition"),
    "banks:petition-scan": Audited("view", "banks.petition"),
    # Entering a paper application: the form lists the school's teachers; its POST is the change.
    "banks:petition-paper": Audited("view", "banks.petition", kwarg=None),
    # Pairs, orders, programs: documents with names.
    "pairs:agreement-pdf": Audited("print", "pairs.mentoringgroup"),
    "pairs:consent-scan": Audited("view", "pairs.mentoringgroup"),
    "pairs:consent-past-scan": Audited("view", "pairs.mentoringgroup"),
    "orders:order-pdf": Audited("print", "orders.order"),
    "orders:order-delete": Audited("delete", "orders.order", post_action="delete"),
    # The acquaintance signed on paper: the form names the participants, the sheet carries signatures.
    "orders:acquaintance-paper": Audited("view", "orders.order"),
    "orders:acquaintance-sheet": Audited("view", "orders.order"),
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
    # Training of mentors and the psychologist's support: names, documents and their scans.
    "training:record-list": Audited("view", "training.trainingrecord", kwarg=None),
    "training:record-edit": Audited("view", "training.trainingrecord"),
    "training:record-delete": Audited("view", "training.trainingrecord", post_action="delete"),
    "training:record-scan": Audited("view", "training.trainingrecord"),
    "training:import-upload": Audited("view", "training.trainingrecord", kwarg=None),
    "training:support-list": Audited("view", "training.supportrecord", kwarg=None),
    "training:support-create": Audited(
        "view", "staff.person", kwarg="person_id", organization="organization_id"
    ),
    # Territory: a letter of thanks names the mentor.
    "territory:thanks-pdf": Audited("print", "banks.mentorentry"),
    # An award and a portfolio name the person.
    "territory:award-pdf": Audited("print", "territory.award"),
    "territory:portfolio-pdf": Audited("print", "staff.person"),
    # The mentors' allowance: a basis names each mentor with the sum of the month (issue 16).
    "allowances:basis-detail": Audited("view", "allowances.allowancebasis"),
    "allowances:basis-approve": Audited("view", "allowances.allowancebasis"),
    "allowances:basis-pdf": Audited("print", "allowances.allowancebasis"),
    "allowances:basis-xlsx": Audited("export", "allowances.allowancebasis"),
    "allowances:basis-onec": Audited("export", "allowances.allowancebasis"),
    # The council of mentors: a meeting and its minutes name the people of a conflict or a nomination.
    "council:meeting-detail": Audited("view", "council.meeting"),
    "council:minutes-pdf": Audited("print", "council.meeting"),
}

# Documents and exports without personal data (checked by tests/audit/test_policy.py).
NOT_PERSONAL = {
    "staff_import:template",  # an empty import template
    "training:import-template",  # an empty import template
    "territory:regulation-pdf",  # the organisation's regulation
    # The municipality's documents: its Regulation, the authority's order (the head's name is the
    # authority's requisite), the справка (figures of the schools, signed by the reader herself).
    "territory:municipal-regulation-pdf",
    "territory:municipal-regulation-in-force-pdf",
    "territory:municipal-order-pdf",
    "territory:municipal-certificate-pdf",
    "public:regulation-pdf",  # the approved regulation on the public page, without the roadmap annex
    "monitoring:reports",  # the page listing the reports (aggregates)
    "monitoring:consolidated-form-xlsx",  # the municipality's figures per school, no names
    "monitoring:statistical-form-page",  # the school's figures, no names (its .xlsx is audited as an export)
}

EXPORT_PARAMETER = ("export", "xlsx")

# The «Страница» column of the access journal names the page in Russian, never by its URL name: each
# audited page and each list exported to Excel by its own name, any other page by its section
# (``tests/audit/test_policy.py`` checks that every audited URL and every namespace has one).
PAGE_NAMES: dict[str, str] = {
    "staff:person-detail": "Карточка педагога",
    "staff:person-edit": "Редактирование карточки педагога",
    "staff:consent-create": "Оформление согласия на обработку ПДн",
    "staff:consent-confirm": "Подтверждение согласия на обработку ПДн",
    "staff:consent-pdf": "Бланк согласия на обработку ПДн",
    "staff:person-data-export": "Сведения о персональных данных субъекта",
    "staff:consent-scan": "Скан согласия на обработку ПДн",
    "staff:consent-withdraw": "Отзыв согласия на обработку ПДн",
    "staff:my-consent": "Моё согласие на обработку ПДн",
    "staff:destruction-act-list": "Акты уничтожения персональных данных",
    "staff:person-list": "Реестр педагогов",
    "banks:mentee-detail": "Карточка наставляемого",
    "banks:mentee-edit": "Редактирование карточки наставляемого",
    "banks:mentor-detail": "Карточка наставника",
    "banks:mentor-edit": "Редактирование карточки наставника",
    "banks:mentor-consent-document": "Скан согласия наставника",
    "banks:mentee-list": "Банк наставляемых",
    "banks:petition-detail": "Заявление в банк",
    "banks:petition-pdf": "Заявление для подписи (PDF)",
    "banks:petition-scan": "Скан заявления",
    "banks:petition-paper": "Внесение бумажного заявления",
    "banks:mentor-list": "Банк наставников",
    "pairs:agreement-pdf": "Дополнительное соглашение",
    "pairs:consent-scan": "Скан согласия участника пары",
    "pairs:consent-past-scan": "Скан прежнего согласия участника пары",
    "orders:order-pdf": "Приказ (PDF)",
    "orders:order-delete": "Удаление проекта приказа",
    "orders:acquaintance-paper": "Ознакомление с приказом на бумаге",
    "orders:acquaintance-sheet": "Скан листа ознакомления с приказом",
    "programs:program-pdf": "Программа наставничества (PDF)",
    "programs:roadmap-xlsx": "Дорожная карта программы (Excel)",
    "programs:file-download": "Файл программы",
    "monitoring:campaign-print": "Бланки анкет",
    "monitoring:annual-report": "Аналитический отчёт",
    "monitoring:statistical-form": "Статистическая форма",
    "monitoring:survey-paper": "Бумажная анкета",
    "training:record-list": "Обучение наставников",
    "training:record-edit": "Исправление сведений об обучении",
    "training:record-delete": "Удаление сведений об обучении",
    "training:record-scan": "Скан документа об обучении",
    "training:import-upload": "Загрузка сведений об обучении из Excel",
    "training:support-list": "Психологическая поддержка наставляемых без пары",
    "training:support-create": "Запись психологической поддержки",
    "territory:thanks-pdf": "Благодарственное письмо",
    "territory:award-pdf": "Грамота",
    "territory:portfolio-pdf": "Портфолио наставничества",
    "territory:overview": "Обзор муниципалитета",
    "territory:roadmap-detail": "Дорожная карта",
    "allowances:basis-detail": "Основание для начисления доплаты за наставничество",
    "allowances:basis-approve": "Утверждение основания для начисления доплаты",
    "allowances:basis-pdf": "Основание для начисления доплаты (PDF)",
    "allowances:basis-xlsx": "Основание для начисления доплаты (Excel)",
    "allowances:basis-onec": "Основание для начисления доплаты (файл для 1С:ЗУП)",
    "council:meeting-detail": "Заседание совета наставников",
    "council:minutes-pdf": "Протокол заседания совета наставников",
    "audit:event-list": "Журнал доступа",
    "audit:access-list": "Доступ к персональным данным",
}
SECTION_NAMES: dict[str, str] = {
    "accounts": "Учётные записи",
    "allowances": "Доплата за наставничество",
    "audit": "Журнал доступа",
    "banks": "Банки наставников и наставляемых",
    "council": "Совет наставников",
    "monitoring": "Мониторинг",
    "notifications": "Уведомления",
    "orders": "Приказы",
    "organizations": "Организации",
    "pairs": "Пары и группы",
    "partners": "Соглашения с партнёрами",
    "programs": "Программы наставничества",
    "public": "Раздел «Наставничество»",
    "risks": "Риски и меры",
    "staff": "Реестр педагогов",
    "staff_import": "Загрузка реестра из Excel",
    "territory": "Муниципалитет и регион",
    "training": "Обучение наставников",
}


def page_name(url_name: str) -> str:
    """«staff:person-detail» → «Карточка педагога»; a page not named here by its section."""
    if url_name in PAGE_NAMES:
        return PAGE_NAMES[url_name]
    section = SECTION_NAMES.get(url_name.partition(":")[0])
    return f"{section}: другая страница" if section else "—"
