"""Documents generated from the portal's data: the school's Regulation on the mentoring system from a
model text (after seed 000's model Regulation and seed 001) or its edited version, with the roadmap as
its annex; letters of thanks and diplomas of mentors (non-material incentives, seed 000 §3.4, seed 002
§3.4); a person's portfolio of mentoring activity for attestation."""

from django.utils import timezone

from apps.core.pdf import render_pdf

# {full} — the organisation's name as in its charter, {short} — its short name, {locality}, {director},
# {director_position_lower}, {curator}: the organisation's card; a missing detail prints as a blank line
# to fill in by hand, as on a paper form.
MODEL_REGULATION: list[tuple[str, list[str]]] = [
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


BLANK = "____________________"


def _details(organization) -> dict:
    position = (organization.director_position or "директор").strip()
    return {
        "full": organization.full_name or organization.short_name,
        "short": organization.short_name,
        "locality": organization.address or organization.locality or BLANK,
        "director": organization.director_name or BLANK,
        "director_position_lower": position[:1].lower() + position[1:],
        "curator": organization.curator_name or BLANK,
    }


def model_sections(organization) -> list[dict]:
    """The model Regulation with the organisation's details filled in: [{"title", "text"}], one
    paragraph per line: the first version of a new Regulation."""
    values = _details(organization)
    return [
        {"title": title, "text": "\n".join(p.format(**values) for p in paragraphs)}
        for title, paragraphs in MODEL_REGULATION
    ]


def numbered_sections(sections: list[dict]) -> list[dict]:
    """Sections as printed: «1. Title», paragraphs «1.1.», «1.2.» (one per non-empty line)."""
    return [
        {
            "number": i,
            "title": s["title"],
            "paragraphs": [line.strip() for line in s["text"].splitlines() if line.strip()],
        }
        for i, s in enumerate(sections, 1)
    ]


def regulation_pdf(
    *, organization, roadmap_detail: dict | None, roadmap=None, regulation=None, version=None
) -> bytes:
    """The Regulation: the text of ``version`` (the edited draft or the approved edition), else the
    model text; with the approving order's date and number once it is signed; the roadmap as annex."""
    sections = version.sections if version is not None else model_sections(organization)
    order = regulation.order if regulation is not None and regulation.is_approved else None
    return render_pdf(
        "pdf/regulation.html",
        {
            "organization": organization,
            "sections": numbered_sections(sections),
            "regulation": regulation,
            "version": version,
            "order": order,
            "is_draft": regulation is None or not regulation.is_approved,
            "roadmap": roadmap,
            "stages": roadmap_detail["stages"] if roadmap_detail else [],
            "today": timezone.localdate(),
        },
    )


def thanks_pdf(*, entry, year, groups: int) -> bytes:
    """A model letter of thanks for a mentor of the year (not registered: see award_pdf)."""
    person = entry.person
    return render_pdf(
        "pdf/letter_of_thanks.html",
        {
            "organization": entry.organization,
            "person": person,
            "address": _address(person),
            "name_dative": person.name_in("dative"),
            "reason": "",
            "year": year,
            "groups": groups,
            "today": timezone.localdate(),
            "award": None,
            "director_signature": signature_of(entry.organization.director_name),
        },
    )


def _address(person) -> str:
    address = "Уважаемая" if person.sex == "f" else "Уважаемый"
    return f"{address} {person.first_name} {person.patronymic}".strip()


def award_pdf(*, award) -> bytes:
    """A registered award: a letter of thanks (portrait) or a diploma (landscape, «ГРАМОТА»)."""
    person = award.person
    template = "pdf/diploma.html" if award.kind == award.Kind.DIPLOMA else "pdf/letter_of_thanks.html"
    return render_pdf(
        template,
        {
            "organization": award.organization,
            "person": person,
            "address": _address(person),
            "name_dative": person.name_in("dative"),
            "reason": award.reason if award.kind == award.Kind.DIPLOMA else _sentence(award.reason),
            "award": award,
            "today": award.date,
        },
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def signature_of(full_name: str) -> str:
    """«Кузнецова Наталья Викторовна» → «Н. В. Кузнецова», the form of a signature block."""
    from apps.core.names import initials_surname

    parts = full_name.split()
    return initials_surname(parts[0], *parts[1:3]) if parts else ""


def portfolio_pdf(**context) -> bytes:
    """The person's portfolio of mentoring activity (context: apps.territory.portfolio.portfolio)."""
    organization = context["person"].organization
    context["director_signature"] = signature_of(organization.director_name)
    return render_pdf("pdf/portfolio.html", context)
