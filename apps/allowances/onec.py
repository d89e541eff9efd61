"""PLACEHOLDER of the `allow` branch, replaced by the `zup` helper's module: the file of a basis that
1С:ЗУП 3 loads. The view calls ``render(rows, basis=...)`` and expects (content, file name, content type)."""

import csv
import io


def render(rows, *, basis) -> tuple[bytes, str, str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Сотрудник", "Сумма", "Процент", "Дней", "Дней в месяце"])
    for line in rows:
        writer.writerow(
            [
                line.mentor_name,
                line.amount_due or "",
                line.allowance_percent or "",
                line.active_days,
                line.month_days,
            ]
        )
    name = f"ZUP_{basis.year}_{basis.month:02d}.csv"
    return buffer.getvalue().encode("utf-8-sig"), name, "text/csv; charset=utf-8"
