"""Ready questionnaires installed with the portal (seeds 004 and 002) and the default criteria of the
lesson visit form. Reversible: the reverse removes exactly what this migration added."""

from django.db import migrations

S5, S10, ONE, MANY, TEXT = "scale5", "scale10", "single", "multiple", "text"

AREAS = [
    "Научно-теоретическая",
    "Нормативно-правовая",
    "Предметно-профессиональная",
    "Психолого-педагогическая (работа с обучающимися и родителями)",
    "Методическая (содержание, методы, технологии)",
    "ИКТ и цифровизация",
    "Внеурочная деятельность и воспитательная работа",
    "Охрана здоровья обучающихся",
]

# (code, title, audience, counts for level 1, description, [(section, [(text, kind, choices, required, topic)])])
QUESTIONNAIRES = [
    (
        "mentee_satisfaction",
        "Анкета удовлетворённости наставляемого участием в программе наставничества",
        "mentee",
        True,
        "Оценка реакции наставляемого (модель Д. Киркпатрика, уровень 1). Анкета анонимна: наставник видит "
        "только обобщённые результаты, если ответили не меньше трёх наставляемых.",
        [
            (
                "Сроки и условия обучения",
                [
                    (
                        "Насколько вас устраивают сроки реализации программы наставничества?",
                        S5,
                        [],
                        True,
                        "conditions",
                    ),
                    (
                        "Насколько удобны условия работы с наставником (время, место, формат встреч)?",
                        S5,
                        [],
                        True,
                        "conditions",
                    ),
                ],
            ),
            (
                "Способы организации наставничества",
                [
                    (
                        "Оцените организацию наставничества: планирование, регулярность встреч, дорожная карта",
                        S5,
                        [],
                        True,
                        "organization",
                    ),
                    (
                        "Какие формы работы были для вас наиболее полезными?",
                        MANY,
                        [
                            "консультации наставника",
                            "посещение уроков наставника",
                            "посещение моих уроков наставником и их анализ",
                            "совместная подготовка уроков",
                            "семинары и мастер-классы",
                            "открытые уроки",
                            "дистанционное общение",
                        ],
                        False,
                        "",
                    ),
                ],
            ),
            (
                "Информированность о содержании работы",
                [
                    (
                        "Насколько вы были информированы о целях, задачах и содержании программы?",
                        S5,
                        [],
                        True,
                        "awareness",
                    ),
                ],
            ),
            (
                "Квалификация наставника",
                [
                    ("Оцените профессиональную квалификацию наставника", S5, [], True, "qualification"),
                    (
                        "Насколько наставник был доступен, когда вам была нужна помощь?",
                        S5,
                        [],
                        True,
                        "qualification",
                    ),
                ],
            ),
            (
                "Готовность применять полученные знания",
                [
                    (
                        "Насколько вы готовы применять полученные знания и умения на практике?",
                        S5,
                        [],
                        True,
                        "readiness",
                    ),
                    (
                        "Насколько свободно вы ориентируетесь в предлагаемых условиях работы?",
                        S5,
                        [],
                        True,
                        "readiness",
                    ),
                ],
            ),
            (
                "Удовлетворённость и пути совершенствования",
                [
                    ("Общая удовлетворённость участием в программе наставничества", S10, [], True, "overall"),
                    ("Что вызвало вашу удовлетворённость участием в программе?", TEXT, [], False, ""),
                    ("Что вызвало неудовлетворённость (если было)?", TEXT, [], False, ""),
                    (
                        "Ваши предложения по совершенствованию системы наставничества и работы наставника",
                        TEXT,
                        [],
                        False,
                        "",
                    ),
                ],
            ),
        ],
    ),
    (
        "mentor_satisfaction",
        "Анкета удовлетворённости наставника",
        "mentor",
        True,
        "Оценка наставником условий и результатов своей работы.",
        [
            (
                "Условия и организация",
                [
                    (
                        "Насколько вас устраивают сроки и условия работы с наставляемым?",
                        S5,
                        [],
                        True,
                        "conditions",
                    ),
                    (
                        "Оцените организацию наставничества в организации: поддержка куратора, методическое "
                        "сопровождение",
                        S5,
                        [],
                        True,
                        "organization",
                    ),
                    ("Насколько понятны были цели и содержание программы?", S5, [], True, "awareness"),
                ],
            ),
            (
                "Результаты",
                [
                    ("Оцените рост профессиональных компетенций наставляемого", S5, [], True, "readiness"),
                    ("Насколько наставляемый был вовлечён в совместную работу?", S5, [], True, ""),
                    ("Удовлетворены ли вы своей работой в роли наставника?", S10, [], True, "overall"),
                ],
            ),
            (
                "Риски и предложения",
                [
                    (
                        "Что мешало работе?",
                        MANY,
                        [
                            "высокая нагрузка",
                            "нехватка времени",
                            "низкая мотивация наставляемого",
                            "недостаточная методическая поддержка",
                            "формальный подход к наставничеству",
                            "ничего не мешало",
                        ],
                        False,
                        "",
                    ),
                    (
                        "Готовы ли вы продолжить наставническую деятельность?",
                        ONE,
                        ["да", "нет", "затрудняюсь ответить"],
                        True,
                        "",
                    ),
                    ("Ваши предложения", TEXT, [], False, ""),
                ],
            ),
        ],
    ),
    (
        "potential_mentor",
        "Анкета потенциального наставника",
        "staff",
        False,
        "Для формирования банка наставников (этап 3 дорожной карты внедрения).",
        [
            (
                "",
                [
                    (
                        "Готовы ли вы стать наставником в следующем учебном году?",
                        ONE,
                        ["да", "возможно", "нет"],
                        True,
                        "",
                    ),
                    ("В каких направлениях вы можете помочь коллегам?", MANY, AREAS, True, ""),
                    (
                        "Какие формы наставничества вам ближе?",
                        MANY,
                        [
                            "«педагог – педагог»",
                            "«руководитель – педагог»",
                            "«педагог – группа педагогов»",
                            "«педагог вуза/колледжа – молодой педагог»",
                        ],
                        False,
                        "",
                    ),
                    (
                        "Сколько наставляемых вы готовы сопровождать одновременно?",
                        ONE,
                        ["1", "2", "3"],
                        True,
                        "",
                    ),
                    (
                        "Насколько вы видите наставничество как путь собственного профессионального роста?",
                        S5,
                        [],
                        True,
                        "",
                    ),
                    ("Опишите ваш опыт наставничества и подтверждённые результаты", TEXT, [], False, ""),
                ],
            )
        ],
    ),
    (
        "program_final",
        "Итоговая анкета участника персонализированной программы наставничества",
        "mentee",
        True,
        "Заполняется по окончании программы.",
        [
            (
                "",
                [
                    (
                        "Достигнута ли цель персонализированной программы?",
                        ONE,
                        ["полностью", "частично", "не достигнута"],
                        True,
                        "",
                    ),
                    (
                        "Насколько выросла ваша уверенность в профессиональной деятельности?",
                        S5,
                        [],
                        True,
                        "readiness",
                    ),
                    ("Какие профессиональные затруднения удалось преодолеть?", MANY, AREAS, False, ""),
                    (
                        "Какие продукты созданы в ходе программы?",
                        MANY,
                        [
                            "конспекты (технологические карты) уроков",
                            "методическая разработка",
                            "открытый урок",
                            "индивидуальный образовательный маршрут",
                            "выступление (презентация)",
                            "самоанализ урока",
                        ],
                        False,
                        "",
                    ),
                    ("Оцените программу в целом", S10, [], True, "overall"),
                    (
                        "Планируете ли вы в будущем стать наставником?",
                        ONE,
                        ["да", "возможно", "нет"],
                        True,
                        "",
                    ),
                    ("Ваши пожелания", TEXT, [], False, ""),
                ],
            )
        ],
    ),
]

CRITERIA = [
    "Постановка целей и задач урока, их соответствие требованиям ФГОС",
    "Структура урока и рациональное использование времени",
    "Соответствие содержания программе и возрастным особенностям обучающихся",
    "Методы и приёмы обучения, их эффективность",
    "Организация самостоятельной, парной и групповой работы обучающихся",
    "Мотивация и познавательная активность обучающихся",
    "Использование цифровых ресурсов и средств наглядности",
    "Дифференцированный и индивидуальный подход",
    "Контроль, оценивание и обратная связь",
    "Психологический климат, дисциплина, речь педагога",
    "Рефлексия и подведение итогов урока",
    "Достижение планируемых результатов урока",
]


def install(apps, schema_editor):
    Template = apps.get_model("monitoring", "QuestionnaireTemplate")
    Section = apps.get_model("monitoring", "QuestionSection")
    Question = apps.get_model("monitoring", "Question")
    Criterion = apps.get_model("monitoring", "ObservationCriterion")
    for code, title, audience, level1, description, sections in QUESTIONNAIRES:
        template = Template.objects.create(
            code=code,
            family=f"builtin-{code}",
            title=title,
            audience=audience,
            counts_for_level1=level1,
            description=description,
        )
        position = 0
        for s_index, (section_title, questions) in enumerate(sections):
            section = (
                Section.objects.create(template=template, title=section_title, position=s_index)
                if section_title
                else None
            )
            for text, kind, choices, required, topic in questions:
                Question.objects.create(
                    template=template,
                    section=section,
                    position=position,
                    text=text,
                    kind=kind,
                    choices=choices,
                    required=required,
                    topic=topic,
                )
                position += 1
    for position, title in enumerate(CRITERIA):
        Criterion.objects.create(organization=None, title=title, position=position)


def uninstall(apps, schema_editor):
    # Raw deletes, children first: the collector of historical models trips over the self-contained
    # graph here, and nothing else may point at the ready templates once this is reversed.
    alias = schema_editor.connection.alias
    Template = apps.get_model("monitoring", "QuestionnaireTemplate")
    Section = apps.get_model("monitoring", "QuestionSection")
    Question = apps.get_model("monitoring", "Question")
    Criterion = apps.get_model("monitoring", "ObservationCriterion")
    ready = Template.objects.filter(organization__isnull=True, family__startswith="builtin-")
    Question.objects.filter(template__in=ready)._raw_delete(alias)
    Section.objects.filter(template__in=ready)._raw_delete(alias)
    ready._raw_delete(alias)
    Criterion.objects.filter(organization__isnull=True, title__in=CRITERIA)._raw_delete(alias)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
