"""Orders (приказы) of the director, their items, participants and annex tables.

A signed order never changes: database triggers refuse UPDATE of its content and DELETE, and
refuse any change to its items, participants (except the acquaintance fields) and annexes.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core.models import RU_COLLATION, TimeStampedModel
from apps.core.russian import by_sex
from apps.core.uploads import PDF, SCAN, UploadValidator
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import Organization


class OrderKind(models.TextChoices):
    REGULATION = "regulation", "Об утверждении Положения и дорожной карты"
    CURATOR = "curator", "О назначении куратора"
    PAIRS = "pairs", "О закреплении наставнических пар (групп)"
    REPLACE_MENTOR = "replace_mentor", "О замене наставника"
    RELEASE_MENTOR = "release_mentor", "Об освобождении наставника"
    PROGRAM_CHANGE = "program_change", "О продлении или изменении программы"
    PROGRAM_END = "program_end", "О завершении программ наставничества"
    AMEND = "amend", "О внесении изменений в приказ или его отмене"


class OrderStatus(models.TextChoices):
    DRAFT = "draft", "Проект"
    AWAITING_SIGNATURE = "awaiting_signature", "На подписи"
    SIGNED = "signed", "Подписан"


# The workflow: which status may follow which. One service per arrow (services.py).
ORDER_TRANSITIONS: dict[str, set[str]] = {
    OrderStatus.DRAFT: {OrderStatus.AWAITING_SIGNATURE},
    OrderStatus.AWAITING_SIGNATURE: {OrderStatus.SIGNED, OrderStatus.DRAFT},
    OrderStatus.SIGNED: set(),
}

DEFAULT_TITLES = {
    OrderKind.REGULATION: "Об утверждении Положения о системе наставничества и дорожной карты",
    OrderKind.CURATOR: "О назначении куратора",
    OrderKind.PAIRS: "О закреплении наставнических пар (групп)",
    OrderKind.REPLACE_MENTOR: "О замене наставника",
    OrderKind.RELEASE_MENTOR: "Об освобождении от обязанностей наставника",
    OrderKind.PROGRAM_CHANGE: "О внесении изменений в программу наставничества",
    OrderKind.PROGRAM_END: "О завершении реализации программ наставничества",
    OrderKind.AMEND: "О внесении изменений в приказ",
}

DEFAULT_CONTROL_TEXT = "Контроль за исполнением настоящего приказа оставляю за собой."

# Columns that may change on a signed order: the PDF, written once after signing.
_MUTABLE_AFTER_SIGNING = {"id", "pdf", "pdf_sha256", "updated_at"}
_ORDER_CONTENT_COLUMNS = [
    "organization_id",
    "kind",
    "status",
    "title",
    "preamble",
    "number",
    "year",
    "date",
    "place",
    "created_by_id",
    "signed_by_id",
    "signed_at",
    "signer_position",
    "signer_name",
    "returned_comment",
    "amends_id",
    "cancels_id",
    "control_text",
    "preparer_name",
    "preparer_phone",
    "created_at",
    "content_sha256",
]


def _changed(columns):
    condition = Q()
    for column in columns:
        condition |= pgtrigger.Q(**{f"old__{column}__df": pgtrigger.F(f"new__{column}")})
    return condition


def _protect_children(name: str, *, allowed_columns: tuple[str, ...] = ()) -> pgtrigger.Trigger:
    """A trigger on a child table of Order: no INSERT/UPDATE/DELETE once the order is signed, except
    an UPDATE that changes only ``allowed_columns`` (the acquaintance marks)."""
    allow = ""
    if allowed_columns:
        allow = (
            "IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ARRAY[{cols}]) = (to_jsonb(OLD) - ARRAY[{cols}]) "
            "THEN RETURN NEW; END IF;"
        ).format(cols=", ".join(f"'{c}'" for c in allowed_columns))
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=(
            allow + " IF EXISTS (SELECT 1 FROM orders_order o WHERE o.status = 'signed' AND o.id IN "
            "(OLD.order_id, NEW.order_id)) THEN "
            "RAISE EXCEPTION 'pgtrigger: the order is signed and cannot be changed' "
            "USING ERRCODE = 'integrity_constraint_violation'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
        ),
    )


@pghistory.track()
class Order(WorkflowMixin, TimeStampedModel):
    Kind = OrderKind
    Status = OrderStatus
    TRANSITIONS = ORDER_TRANSITIONS

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="orders", verbose_name="организация"
    )
    kind = models.CharField("вид приказа", max_length=30, choices=Kind.choices)
    status = models.CharField("статус", max_length=30, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основания)", blank=True, max_length=4000)
    number = models.PositiveIntegerField("номер", null=True, blank=True)
    year = models.PositiveSmallIntegerField("год регистрации", null=True, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    place = models.CharField("место издания", max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="подготовил"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="подписал",
    )
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    signer_position = models.CharField("должность подписавшего", max_length=200, blank=True)
    signer_name = models.CharField("подпись (И. О. Фамилия)", max_length=200, blank=True)
    returned_comment = models.TextField("замечания при возврате на доработку", blank=True, max_length=2000)
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name="изменяет приказ",
    )
    cancels = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancelled_by",
        verbose_name="отменяет приказ",
    )
    control_text = models.TextField(
        "контроль исполнения (последний пункт)", default=DEFAULT_CONTROL_TEXT, max_length=1000
    )
    preparer_name = models.CharField("исполнитель", max_length=200, blank=True)
    preparer_phone = models.CharField("телефон исполнителя", max_length=50, blank=True)
    pdf = models.FileField(
        "подписанный экземпляр (PDF)", upload_to="orders/%Y/", blank=True, validators=[UploadValidator(PDF)]
    )
    pdf_sha256 = models.CharField("SHA-256 подписанного PDF", max_length=64, blank=True)
    # Fixed by the signing UPDATE: the SHA-256 of the print HTML of the signed order (documents.py). The PDF
    # is rendered after the answer to the director; it must be rendered from this very text.
    content_sha256 = models.CharField("SHA-256 текста подписанного приказа", max_length=64, blank=True)

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-year", "-number", "-created_at"]
        indexes = [
            models.Index(fields=["organization", "status", "kind"], name="order_org_status_kind_idx"),
            # The administrator's list of every order in its ordering, and its years (issue 18).
            models.Index(fields=["year", "number", "created_at"], name="order_list_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="order_unique_number_in_year"
            ),
            models.CheckConstraint(
                condition=~Q(status="signed")
                | Q(number__isnull=False, year__isnull=False, date__isnull=False, signed_at__isnull=False),
                name="order_signed_has_number_and_date",
            ),
            models.CheckConstraint(
                condition=Q(status="signed") | Q(number__isnull=True),
                name="order_number_only_when_signed",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1), name="order_number_positive"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_signed_order_update",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status="signed")
                & (
                    _changed(_ORDER_CONTENT_COLUMNS)
                    | (~pgtrigger.Q(old__pdf_sha256="") & _changed(["pdf", "pdf_sha256"]))
                ),
            ),
            pgtrigger.Protect(
                name="protect_signed_order_delete",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="signed"),
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"Приказ от {self.date:%d.%m.%Y} № {self.number} «{self.title}»"
        return f"Проект приказа «{self.title}»"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class OrderCounter(models.Model):
    """The last number given in a year: a row locked while signing, so numbers never repeat or skip."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "счётчик номеров приказов"
        verbose_name_plural = "счётчики номеров приказов"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="order_counter_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items", verbose_name="приказ")
    position = models.PositiveSmallIntegerField("номер пункта")
    text = models.TextField("текст пункта", max_length=4000)

    class Meta:
        verbose_name = "пункт приказа"
        verbose_name_plural = "пункты приказа"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["order", "position"], name="order_item_unique_position")
        ]
        triggers = [_protect_children("protect_signed_order_items")]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class OrderParticipant(models.Model):
    """A person named in the order: they confirm acquaintance after signing."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="participants", verbose_name="приказ"
    )
    person = models.ForeignKey(
        "staff.Person", on_delete=models.PROTECT, related_name="order_participations", verbose_name="работник"
    )
    role = models.CharField("роль в приказе", max_length=100, blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    full_name = models.CharField("ФИО", max_length=300, db_collation=RU_COLLATION)
    initials_name = models.CharField("И. О. Фамилия", max_length=200)
    name_dative = models.CharField("ФИО в дательном падеже", max_length=300)
    name_genitive = models.CharField("ФИО в родительном падеже", max_length=300)
    acknowledged_at = models.DateTimeField("ознакомлен", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="подтвердил ознакомление",
    )
    # Acquaintance signed on a paper sheet and recorded by the curator (the date of the signature, the
    # sheet's scan); empty when the person confirmed it in the portal.
    acknowledged_sheet = models.ForeignKey(
        "AcquaintanceSheet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name="лист ознакомления",
    )

    class Meta:
        verbose_name = "участник приказа"
        verbose_name_plural = "участники приказа"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "person"], name="order_participant_unique_person")
        ]
        triggers = [
            _protect_children(
                "protect_signed_order_participants",
                allowed_columns=("acknowledged_at", "acknowledged_by_id", "acknowledged_sheet_id"),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def role_label(self) -> str:
        """The role words agreeing with the person: «наставляемая» after a woman (load ``person``)."""
        return ", ".join(
            by_sex(self.person, word, _ROLE_FEMININE.get(word, word))
            for word in (w.strip() for w in self.role.split(","))
            if word
        )


class AcquaintanceSheet(TimeStampedModel):
    """A paper sheet «С приказом ознакомлены» signed by the people named in a signed order (Labour Code
    art. 22, 68; LEGAL.md), scanned and recorded by the curator with the date of each signature."""

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="acquaintance_sheets", verbose_name="приказ"
    )
    scan = models.FileField(
        "скан листа ознакомления", upload_to="acquaintance/%Y/", validators=[UploadValidator(SCAN)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )

    class Meta:
        verbose_name = "лист ознакомления с приказом"
        verbose_name_plural = "листы ознакомления с приказами"
        ordering = ["order", "created_at"]

    def __str__(self) -> str:
        return f"Лист ознакомления от {self.created_at:%d.%m.%Y}"


# A role word of the acquaintance list in its feminine form.
_ROLE_FEMININE = {"наставляемый": "наставляемая"}


class OrderAnnex(models.Model):
    """An annex table (e.g. the list of pairs): headers and rows of plain text."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="annexes", verbose_name="приказ")
    number = models.PositiveSmallIntegerField("номер приложения")
    title = models.CharField("заголовок", max_length=500)
    columns = models.JSONField("заголовки столбцов", default=list)
    rows = models.JSONField("строки", default=list)

    class Meta:
        verbose_name = "приложение к приказу"
        verbose_name_plural = "приложения к приказу"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["order", "number"], name="order_annex_unique_number")]
        triggers = [_protect_children("protect_signed_order_annexes")]

    def __str__(self) -> str:
        return f"Приложение № {self.number}"
