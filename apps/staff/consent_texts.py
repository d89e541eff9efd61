"""The model text of the consent to personal-data processing (152-ФЗ art. 9 p. 4), versioned in code.

A new wording gets a new VERSION; each consent stores the version and the full text the person
agreed to (``PersonalDataConsent.text_snapshot``), so the operator can prove what was agreed. The
wordings of earlier versions stay here (``WORDINGS``): a consent signed under one of them stays valid
in its own terms, and its copy is printed from the items it stored, never from the current wording.

Versions:

* 2026-1: the mentoring data.
* 2026-2: adds the chat of a messenger the person links herself (Telegram, ВКонтакте, MAX): its
  id, what a message carries, and the cross-border transfer when the messenger's servers are
  abroad (Telegram; 152-ФЗ art. 12). It also says that the personnel number and the mentoring
  allowance are processed without this consent: the school processes them as the employer, to
  perform the labour contract and its additional agreement that sets the allowance (ТК РФ
  art. 351.8) and its duties of payroll and accounting (152-ФЗ art. 6 p. 1 items 2 and 5,
  ТК РФ art. 86), so they need no consent, and a 2026-1 consent need not be signed again for them.
  A signed allowance basis is kept after a withdrawal (art. 9 p. 2).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    """The operator's items of one version of the consent (the subject's and operator's own details
    are filled per person)."""

    purpose: str
    data_list: str
    processors: str
    actions: str
    term: str
    withdrawal: str


_PURPOSE_2026_1 = (
    "организация и сопровождение наставничества педагогических работников: ведение реестра "
    "педагогических работников, формирование банков наставников и наставляемых, формирование "
    "наставнических пар и групп, подготовка приказов руководителя, разработка и реализация "
    "персонализированных программ наставничества, учёт мероприятий, мониторинг и оценка "
    "эффективности наставничества, подготовка отчётности"
)

_DATA_LIST_2026_1 = (
    "фамилия, имя, отчество; пол; дата рождения; занимаемая должность; преподаваемые предметы и "
    "направления работы; общий и педагогический стаж; квалификационная категория и дата её "
    "присвоения; сведения об образовании (уровень, педагогическое или иное, образовательная "
    "организация, год окончания); дата приёма на работу; адрес электронной почты; номер телефона; "
    "сведения об участии в наставничестве (профессиональные затруднения и запросы, компетенции, "
    "подтверждённые результаты, ответы анкет, программы, отчёты, результаты мониторинга). "
    "Сведения о состоянии здоровья не обрабатываются"
)

_PROCESSORS_2026_1 = (
    "обработка персональных данных по поручению оператора другим лицам не поручается; "
    "передача (предоставление) персональных данных третьим лицам, в том числе органам "
    "управления образованием, осуществляется только с отдельного письменного согласия"
)

_ACTIONS_2026_1 = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), "
    "извлечение, использование, обезличивание, блокирование, удаление, уничтожение; смешанная "
    "обработка: автоматизированная (в информационной системе «Наставник.Школа», базы данных которой "
    "находятся на территории Российской Федерации) и без использования средств автоматизации"
)

_TERM_2026_1 = (
    "со дня подписания до достижения целей обработки, но не дольше срока трудовых отношений "
    "(участия в наставничестве) с оператором, либо до отзыва согласия"
)

_WITHDRAWAL_2026_1 = (
    "согласие может быть отозвано в любой момент письменным заявлением, поданным оператору, или "
    "в личном кабинете портала «Наставник.Школа». После отзыва обработка прекращается, а "
    "персональные данные уничтожаются в срок, не превышающий 30 дней с даты поступления отзыва, "
    "за исключением сведений, которые оператор обязан хранить по закону (в том числе в подписанных "
    "приказах, являющихся архивными документами)"
)

WORDINGS: dict[str, Wording] = {
    "2026-1": Wording(
        purpose=_PURPOSE_2026_1,
        data_list=_DATA_LIST_2026_1,
        processors=_PROCESSORS_2026_1,
        actions=_ACTIONS_2026_1,
        term=_TERM_2026_1,
        withdrawal=_WITHDRAWAL_2026_1,
    ),
    "2026-2": Wording(
        purpose=(
            f"{_PURPOSE_2026_1}; направление мне уведомлений портала по электронной почте, а если я "
            "подключу мессенджер, то и в выбранный мной мессенджер"
        ),
        data_list=(
            "фамилия, имя, отчество; пол; дата рождения; занимаемая должность; преподаваемые предметы "
            "и направления работы; общий и педагогический стаж; квалификационная категория и дата её "
            "присвоения; сведения об образовании (уровень, педагогическое или иное, образовательная "
            "организация, год окончания); дата приёма на работу; адрес электронной почты; номер "
            "телефона; сведения об участии в наставничестве (профессиональные затруднения и запросы, "
            "компетенции, подтверждённые результаты, ответы анкет, программы, отчёты, результаты "
            "мониторинга); если я подключу мессенджер (Telegram, ВКонтакте или MAX) для получения "
            "уведомлений, — идентификатор моего чата с ботом портала в этом мессенджере. Сведения о "
            "состоянии здоровья не обрабатываются. Табельный номер и сведения о доплате за "
            "наставничество (период наставничества в месяце, сумма доплаты) оператор как работодатель "
            "обрабатывает без согласия, для исполнения трудового договора и дополнительного соглашения "
            "к нему (пункты 2 и 5 части 1 статьи 6 Федерального закона № 152-ФЗ, статья 86 Трудового "
            "кодекса Российской Федерации)"
        ),
        processors=_PROCESSORS_2026_1,
        actions=(
            f"{_ACTIONS_2026_1}. Если я подключу мессенджер, каждое уведомление (вид уведомления, его "
            "текст, в котором могут быть названы участники и программы наставничества, и ссылка на "
            "портал) передаётся в мой чат через серверы владельца мессенджера; серверы Telegram "
            "находятся за пределами Российской Федерации, и на трансграничную передачу уведомлений "
            "при подключении Telegram я также даю согласие. Мессенджер можно отключить в любой момент "
            "в настройках уведомлений портала"
        ),
        term=_TERM_2026_1,
        withdrawal=(
            "согласие может быть отозвано в любой момент письменным заявлением, поданным оператору, "
            "или в личном кабинете портала «Наставник.Школа». После отзыва обработка прекращается, а "
            "персональные данные уничтожаются в срок, не превышающий 30 дней с даты поступления "
            "отзыва, за исключением сведений, которые оператор обязан хранить по закону (в том числе в "
            "подписанных приказах, являющихся архивными документами, и в подписанных основаниях для "
            "начисления доплаты за наставничество)"
        ),
    ),
}

VERSION = "2026-2"
OLDER_VERSIONS = frozenset(WORDINGS) - {VERSION}
# What the current version adds to the previous one, told to a person whose consent is older.
NEWS = (
    "она дополнительно предусматривает уведомления в мессенджере, если вы его подключите, и "
    "указывает, что табельный номер и сведения о доплате за наставничество работодатель "
    "обрабатывает без согласия, для исполнения трудового договора"
)

PURPOSE = WORDINGS[VERSION].purpose
DATA_LIST = WORDINGS[VERSION].data_list
PROCESSORS = WORDINGS[VERSION].processors
ACTIONS = WORDINGS[VERSION].actions
TERM = WORDINGS[VERSION].term
WITHDRAWAL = WORDINGS[VERSION].withdrawal


@dataclass(frozen=True)
class ConsentTerms:
    """The items of a consent, filled for one person and one operator."""

    subject_name: str
    subject_address: str
    subject_document: str
    representative: str
    operator_name: str
    operator_address: str
    purpose: str = PURPOSE
    data_list: str = DATA_LIST
    processors: str = PROCESSORS
    actions: str = ACTIONS
    term: str = TERM
    withdrawal_procedure: str = WITHDRAWAL
    version: str = VERSION

    def items(self) -> list[tuple[str, str]]:
        """The numbered items of the consent, as printed and as stored."""
        return [
            ("Цель обработки", self.purpose),
            ("Перечень персональных данных", self.data_list),
            ("Лица, осуществляющие обработку по поручению оператора", self.processors),
            ("Перечень действий и способы обработки", self.actions),
            ("Срок действия согласия", self.term),
            ("Порядок отзыва согласия", self.withdrawal_procedure),
        ]

    def text(self) -> str:
        """The full text the person agrees to (stored as the snapshot)."""
        blank = "________________"
        representative = (
            f" Действую через представителя: {self.representative}." if self.representative else ""
        )
        lines = [
            "СОГЛАСИЕ НА ОБРАБОТКУ ПЕРСОНАЛЬНЫХ ДАННЫХ",
            f"(редакция {self.version})",
            "",
            f"Я, {self.subject_name}, адрес: {self.subject_address or blank}, "
            f"документ, удостоверяющий личность: {self.subject_document or blank},{representative} "
            "в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ "
            "«О персональных данных» свободно, своей волей и в своём интересе даю согласие "
            f"оператору — {self.operator_name}, адрес: {self.operator_address or blank}, "
            "на обработку моих персональных данных на следующих условиях.",
        ]
        for number, (title, value) in enumerate(self.items(), start=1):
            lines.append(f"{number}. {title}: {value}.")
        return "\n".join(lines)
