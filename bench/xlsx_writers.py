"""``python -m bench.xlsx_writers``: the portal's .xlsx writer (``apps.core.xlsx``, SpreadsheetML written by
hand) against XlsxWriter in ``constant_memory`` mode and openpyxl in write-only mode, on the same sheet.

    python -m bench.xlsx_writers [--rows 10000] [--repeat 5] [--no-openpyxl]

The sheet is the staff registry's export (its 22 columns, widths and wrapped columns) with ``--rows``
synthetic rows of the registry's kinds of values (names, dates, numbers, yes/no, long wrapped texts),
built once before the clock starts: only the writing is timed, not the database (``make bench``'s
«export 10,000 rows» times both). XlsxWriter and openpyxl write the same cells and styles as the hand
writer: bold filled header, frozen header row, autofilter, column widths, date formats, wrapped text
with the row heights, formula-like text neutralised. No database is needed.
"""

import argparse
import datetime as dt
import io
import random
import statistics
import time

from bench.run import setup_django

SURNAMES = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Соколова", "Морозова", "Волкова", "Ёлкина"]
NAMES = ["Мария", "Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Дарья"]
PATRONYMICS = ["Петровна", "Ивановна", "Сергеевна", "Олеговна", "Павловна", "Игоревна", "Юрьевна"]
POSITIONS = ["Учитель", "Учитель-логопед", "Педагог дополнительного образования", "Педагог-психолог"]
SUBJECTS = ["Математика", "Информатика", "Русский язык", "Литература", "Физика", "История", "Биология"]
INSTITUTIONS = ["Сургутский государственный педагогический университет", "СурГПУ", "Тюменский университет"]


def registry_rows(count: int, seed: int = 1) -> list[tuple]:
    """Rows shaped like ``apps.staff.exports._rows`` yields them."""
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        subjects = "; ".join(sorted(rnd.sample(SUBJECTS, rnd.randint(0, 3))))
        external = i % 40 == 0
        rows.append(
            (
                rnd.choice(SURNAMES),
                rnd.choice(NAMES),
                rnd.choice(PATRONYMICS),
                "женский" if i % 5 else "мужской",
                dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randint(0, 15000)),
                rnd.choice(POSITIONS),
                subjects,
                rnd.randint(1, 40),
                rnd.randint(0, 35),
                rnd.choice(["первая", "высшая", "соответствие занимаемой должности", ""]),
                dt.date(2020, 1, 1) + dt.timedelta(days=rnd.randint(0, 2000)) if i % 3 else None,
                rnd.choice(["высшее", "среднее профессиональное"]),
                i % 7 != 0,
                rnd.choice(INSTITUTIONS),
                rnd.randint(1985, 2025),
                dt.date(2000, 9, 1) + dt.timedelta(days=rnd.randint(0, 9000)),
                None if i % 50 else dt.date(2026, 6, 30),
                f"teacher{i}@school{i % 500}.ru",
                f"+7 912 {i % 1000:03d}-{i % 100:02d}-{(i * 7) % 100:02d}",
                external,
                "МБОУ СОШ № 2" if external else "",
                "действует с 01.09.2026" if i % 9 else "нет",
            )
        )
    return rows


def xlsxwriter_workbook(*sheets) -> bytes:
    """``apps.core.xlsx.write_workbook`` written through XlsxWriter in ``constant_memory`` mode."""
    import xlsxwriter
    from django.utils import timezone

    from apps.core import xlsx

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,  # rows are flushed to a temporary file as they are written
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    header = book.add_format(
        {"bold": True, "bg_color": "#DDE7F3", "pattern": 1, "valign": "vcenter", "text_wrap": True}
    )
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    stamp = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    wrap = book.add_format({"valign": "top", "text_wrap": True})
    for sheet in sheets:
        ws = book.add_worksheet(xlsx._sheet_title(sheet.title))
        wraps = [c.wrap for c in sheet.columns]
        per_line = [max(int(c.width * 1.1), 1) for c in sheet.columns]
        for i, column in enumerate(sheet.columns):
            ws.set_column(i, i, column.width)
            ws.write_string(0, i, xlsx.neutralize(column.title), header)
        if sheet.freeze_header:
            ws.freeze_panes(1, 0)
        number = 0
        for number, row in enumerate(sheet.rows, start=1):
            lines = 1
            for c, value in enumerate(row):
                wrapped = c < len(wraps) and wraps[c]
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    text = xlsx.neutralize(xlsx._ILLEGAL_XML.sub("", value))[: xlsx.MAX_CELL_CHARS]
                    ws.write_string(number, c, text, wrap if wrapped else None)
                    if wrapped:
                        lines = max(lines, xlsx._lines(value, per_line[c]))
                elif isinstance(value, bool):
                    ws.write_string(number, c, "да" if value else "нет")
                elif isinstance(value, dt.datetime):
                    if value.tzinfo is not None:
                        value = timezone.localtime(value).replace(tzinfo=None)
                    ws.write_datetime(number, c, value, stamp)
                elif isinstance(value, dt.date):
                    ws.write_datetime(number, c, value, date)
                else:
                    ws.write_number(number, c, value)
            if lines > 1:
                ws.set_row(number, min(lines, 20) * 15)
        if sheet.autofilter and sheet.columns:
            ws.autofilter(0, 0, number, len(sheet.columns) - 1)
    book.close()
    return buffer.getvalue()


def openpyxl_workbook(*sheets) -> bytes:
    """The same through openpyxl's write-only mode (with lxml, as installed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from apps.core import xlsx

    book = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFDDE7F3")
    top_wrap = Alignment(vertical="top", wrap_text=True)
    for sheet in sheets:
        ws = book.create_sheet(xlsx._sheet_title(sheet.title))
        for i, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        if sheet.freeze_header:
            ws.freeze_panes = "A2"
        head = []
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, xlsx.neutralize(column.title))
            cell.font, cell.fill = bold, fill
            head.append(cell)
        ws.append(head)
        wraps = [c.wrap for c in sheet.columns]
        number = 1
        for row in sheet.rows:
            number += 1
            cells = []
            for c, value in enumerate(row):
                if isinstance(value, str):
                    value = xlsx.neutralize(xlsx._ILLEGAL_XML.sub("", value))[: xlsx.MAX_CELL_CHARS] or None
                elif isinstance(value, bool):
                    value = "да" if value else "нет"
                cell = WriteOnlyCell(ws, value)
                if isinstance(value, dt.date):
                    cell.number_format = "dd.mm.yyyy"
                elif value is not None and wraps[c]:
                    cell.alignment = top_wrap
                cells.append(cell)
            ws.append(cells)
        if sheet.autofilter and sheet.columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{number}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.xlsx_writers", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-openpyxl", action="store_true", help="leave out openpyxl (the slowest)")
    args = parser.parse_args(argv)
    setup_django()
    import openpyxl

    from apps.core.xlsx import Sheet, write_workbook
    from apps.staff.exports import COLUMNS

    rows = registry_rows(args.rows)
    writers = [("hand-written SpreadsheetML (apps.core.xlsx)", write_workbook)]
    writers.append(("XlsxWriter, constant_memory", xlsxwriter_workbook))
    if not args.no_openpyxl:
        writers.append(("openpyxl, write-only", openpyxl_workbook))
    print(f"{args.rows:,} rows × {len(COLUMNS)} columns (the staff registry export), {args.repeat} runs each")
    results, expected = {}, None
    for name, write in writers:
        data = write(Sheet("Педагогические работники", COLUMNS, rows))  # warm-up, and the check below
        values = list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).active.values)
        expected = expected or values
        assert len(values) == args.rows + 1 and values == expected, f"{name} wrote other cells"
        times, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            write(Sheet("Педагогические работники", COLUMNS, rows))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        results[name] = (statistics.median(times), statistics.median(cpu))
        print(
            f"  {name:44} median {statistics.median(times):6.3f} s  min {min(times):6.3f} s"
            f"  max {max(times):6.3f} s  CPU {statistics.median(cpu):6.3f} s  {len(data) // 1024:,} KiB"
        )
    base, base_cpu = results[writers[0][0]]
    for name, (median, median_cpu) in list(results.items())[1:]:
        print(
            f"  {name}: {median / base:.1f} × the hand-written writer's time"
            f" ({median_cpu / base_cpu:.1f} × its CPU time)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
