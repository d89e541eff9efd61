"""The Regulation's model text grows from 8 sections to the full text of seeds 000, 001 and 002
(``apps/territory/regulation_model.txt``). Each editable draft gets one new version: a section the school
never edited (equal to the old model text filled with the card) is replaced by the sections of the new
model that cover it; a section the school edited is kept as it is, and the new model sections of its
part are then offered in the editor (``missing_model_sections``). Approved editions and drafts whose
approving order awaits signature are not touched. Versions are never changed or deleted, so there is
nothing to reverse: the earlier version stays the previous one."""

from django.db import migrations

# The old model text and card filling, frozen as they were (apps/territory/documents.py before this change).
OLD_MODEL: list[tuple[str, list[str]]] = [
    (
        "Общие положения",
        [
            "Настоящее Положение о системе наставничества педагогических работников (далее — Положение) "
            "определяет цели, задачи, формы и порядок осуществления наставничества в {full} (далее "
            "— {short}), место нахождения: {locality}.",
            "Наставничество — форма обеспечения профессионального становления, развития и адаптации к "
            "квалифицированному исполнению должностных обязанностей лиц, в отношении которых осуществляется "
            "наставничество.",
            "Персонализированная программа наставничества — краткосрочная программа (от 3 месяцев "
            "до 1 года), "
            "включающая описание форм и видов наставничества, участников, направлений деятельности, "
            "результатов "
            "и показателей. Индивидуальный образовательный маршрут — долгосрочная (4–5 лет) программа "
            "профессионального самосовершенствования педагога.",
        ],
    ),
    (
        "Цель и задачи системы наставничества",
        [
            "Цель — создание условий для непрерывного профессионального роста и профессионального "
            "самоопределения педагогических работников, самореализации и закрепления в профессии молодых "
            "(начинающих) педагогов.",
            "Задачи: содействие адаптации педагогов в коллективе; устранение профессиональных дефицитов; "
            "распространение лучших практик наставничества; создание открытой и доброжелательной среды.",
        ],
    ),
    (
        "Организация системы наставничества",
        [
            "Руководитель {short} ({director_position_lower} {director}) утверждает Положение и дорожную "
            "карту его реализации, назначает куратора, издаёт приказы о закреплении наставнических пар "
            "(групп) и создаёт условия для их работы.",
            "Куратор реализации программ наставничества ({curator}) назначается приказом руководителя, "
            "формирует банки наставников и наставляемых, организует разработку персонализированных "
            "программ, проводит мониторинг и готовит аналитический отчёт.",
            "Совет наставников (методическое объединение) помогает подбирать пары, анализирует затруднения "
            "педагогов и формирует банк лучших практик.",
        ],
    ),
    (
        "Формы наставничества и формирование пар (групп)",
        [
            "Применяются формы «педагог – педагог», «руководитель образовательной организации – педагог», "
            "«работодатель – студент», «педагог вуза (колледжа) – молодой педагог», «педагог – группа "
            "педагогов» и виды наставничества: виртуальное, групповое, краткосрочное, реверсивное, "
            "ситуационное, скоростное, традиционное.",
            "Наставническая пара (группа) закрепляется приказом руководителя с письменного согласия её "
            "участников на возложение дополнительных обязанностей (статья 351.8 Трудового кодекса РФ).",
        ],
    ),
    (
        "Права и обязанности наставника и наставляемого",
        [
            "Наставник участвует в разработке программы, ведёт учёт мероприятий, проверяет "
            "выполнение заданий, "
            "вправе обратиться с заявлением о сложении обязанностей наставника.",
            "Наставляемый выполняет мероприятия программы в установленные сроки, участвует в анкетировании, "
            "вправе ходатайствовать о замене наставника.",
        ],
    ),
    (
        "Завершение программы и мониторинг",
        [
            "Программа завершается по выполнении плана, по инициативе наставника или наставляемого "
            "при наличии "
            "уважительных причин либо по инициативе куратора; изменение содержания или продление программы "
            "возможно по взаимному согласию наставника и наставляемого.",
            "Мониторинг проводится ежегодно по модели Киркпатрика (реакция, обучение, поведение, результат); "
            "по его итогам куратор готовит аналитический отчёт и статистическую форму.",
        ],
    ),
    (
        "Мотивация наставников",
        [
            "Применяются меры материального стимулирования, установленные положением об оплате труда и "
            "коллективным договором, и нематериального: благодарственные письма, грамоты, учёт при "
            "аттестации, "
            "представление к ведомственным наградам.",
        ],
    ),
    (
        "Заключительные положения",
        [
            "Сведения о реализации системы наставничества, программы и лучшие практики размещаются "
            "на странице "
            "«Наставничество» официального сайта {short}; персональные данные — только с согласия педагогов "
            "на их распространение (статья 10.1 Федерального закона № 152-ФЗ).",
            "Положение вступает в силу со дня его утверждения приказом руководителя {short} и действует "
            "до принятия нового; изменения вносятся приказом руководителя.",
        ],
    ),
]


OLD_BLANK = "____________________"


def _old_details(organization) -> dict:
    position = (organization.director_position or "директор").strip()
    return {
        "full": organization.full_name or organization.short_name,
        "short": organization.short_name,
        "locality": organization.address or organization.locality or OLD_BLANK,
        "director": organization.director_name or OLD_BLANK,
        "director_position_lower": position[:1].lower() + position[1:],
        "curator": organization.curator_name or OLD_BLANK,
    }


# Which sections of the new model cover each section of the old one (by the old title).
COVERS = {
    "Общие положения": ["general"],
    "Цель и задачи системы наставничества": ["goals"],
    "Организация системы наставничества": ["director", "curator", "council", "psychologist"],
    "Формы наставничества и формирование пар (групп)": ["forms", "organization"],
    "Права и обязанности наставника и наставляемого": ["mentor", "mentee"],
    "Завершение программы и мониторинг": ["stages", "monitoring"],
    "Мотивация наставников": ["incentives"],
    "Заключительные положения": ["documents", "site", "final"],
}


def _old_sections(organization) -> dict[str, str]:
    values = _old_details(organization)
    return {title: "\n".join(p.format(**values) for p in paragraphs) for title, paragraphs in OLD_MODEL}


def upgraded(sections: list[dict], organization) -> list[dict] | None:
    """The new text of a draft, or None when nothing of it is the untouched old model."""
    from apps.territory.regulation_model import model_sections

    new = {s["key"]: s for s in model_sections(organization)}
    old = _old_sections(organization)
    out: list[dict] = []
    replaced = False
    for section in sections:
        title, text = section.get("title", ""), section.get("text", "")
        if not section.get("key") and title in COVERS and old.get(title) == text:
            out.extend(new[key] for key in COVERS[title])
            replaced = True
        else:
            out.append(section)
    return out if replaced else None


def forward(apps, schema_editor):
    Regulation = apps.get_model("territory", "Regulation")
    RegulationVersion = apps.get_model("territory", "RegulationVersion")
    drafts = Regulation.objects.filter(status="draft").select_related("organization", "order")
    for regulation in drafts:
        if regulation.order_id and regulation.order.status != "draft":
            continue  # the director is looking at this very text: it changes only after a return
        latest = RegulationVersion.objects.filter(regulation=regulation).order_by("-number").first()
        if latest is None:
            continue
        sections = upgraded(latest.sections, regulation.organization)
        if sections is None:
            continue
        RegulationVersion.objects.create(
            regulation=regulation,
            number=latest.number + 1,
            sections=sections,
            note="Разделы примерного текста, не изменённые организацией, заменены полным примерным текстом",
            author=None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("territory", "0005_disclosure_consent_moved_to_staff"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
