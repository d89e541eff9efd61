"""The basis as a PDF for signature: the organisation, «УТВЕРЖДАЮ» of the director, the title with the
month, the table of mentors, the total, the curator's signature and the accountant's mark of the closed
month."""

from decimal import Decimal

from apps.core.names import initials_surname
from apps.core.pdf import render_pdf
from apps.core.russian import count, initials_name_in, month_name, person_named

from .models import AllowanceBasis, AllowanceLine
from .periods import month_label


def money(value: Decimal | int | None) -> str:
    """«2 100,00»: the Russian way, a thin space between thousands."""
    if value is None:
        return ""
    text = f"{Decimal(value):,.2f}".replace(",", "\u00a0").replace(".", ",")
    return text


def line_row(line: AllowanceLine) -> dict:
    if line.allowance_amount:
        allowance = f"{money(line.allowance_amount)} руб."
        due = money(line.amount_due)
    elif line.allowance_percent:
        allowance = f"{line.allowance_percent}\u00a0% оклада"
        due = f"{line.allowance_percent}\u00a0% оклада × {line.active_days}/{line.month_days}"
    else:
        allowance, due = "по положению об оплате труда", ""
    full_month = line.active_days == line.month_days
    return {
        "line": line,
        "order": (
            f"от {line.order_date:%d.%m.%Y} № {line.order_number}"
            if line.order_number
            else "приказ не подписан"
        ),
        "allowance": allowance,
        "days": (
            f"весь месяц ({count(line.active_days, 'день')})"
            if full_month
            else f"с {line.active_from:%d.%m} по {line.active_to:%d.%m}: "
            f"{count(line.active_days, 'день')} из {line.month_days}"
        ),
        "due": due,
        "hours": f"{line.hours_logged}".replace(".", ","),
    }


def basis_context(basis: AllowanceBasis, lines: list[AllowanceLine]) -> dict:
    organization = basis.organization
    corrected = basis.corrects
    return {
        "basis": basis,
        "organization": organization,
        "month": month_label(basis.year, basis.month),
        "month_prepositional": month_label(basis.year, basis.month, "prepositional"),
        "month_genitive": month_name(basis.month, "genitive"),
        "rows": [line_row(line) for line in lines],
        "total": money(sum((line.amount_due or Decimal(0) for line in lines), Decimal(0))),
        "has_percent": any(line.allowance_percent for line in lines),
        "corrected": corrected,
        "director_position": basis.approver_position or organization.director_position or "Директор",
        # Before the approval: «Н. В. Кузнецова» from the organisation's card.
        "director_name": basis.approver_name
        or (initials_name_in(person_named(organization.director_name)) if organization.director_name else ""),
        "is_draft": basis.is_draft,
        "closer_name": (
            initials_surname(
                basis.closed_by.last_name, basis.closed_by.first_name, basis.closed_by.patronymic
            )
            if basis.closed_by_id
            else ""
        ),
    }


def basis_pdf(*, basis: AllowanceBasis, lines: list[AllowanceLine]) -> bytes:
    return render_pdf("pdf/allowance_basis.html", basis_context(basis, lines))
