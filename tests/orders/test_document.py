"""The order as a document: requisites in ГОСТ order, declined names, annexes, speed, the stored copy."""

import os
import re
import subprocess

import pytest
from django.core.files.storage import default_storage

from apps.core.pdf import sha256_hex
from apps.orders.documents import order_pdf_bytes, render_order_pdf, store_signed_pdf
from apps.orders.models import Order
from apps.orders.services import order_create, order_send_for_signature, order_sign
from tests.factories.orders import make_draft, make_person

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + ["-", "-"]
    text = subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()
    if os.environ.get("ORDERS_PDF_DUMP"):
        with open(os.environ["ORDERS_PDF_DUMP"], "wb") as fh:
            fh.write(data)
    return text


def flat(text: str) -> str:
    """One line of text, words hyphenated at a line end (the print hyphenates) joined again."""
    return " ".join(re.sub(r"\u2010\s*\n\s*", "", text).split())


@pytest.fixture
def charter_school(cast):
    school = cast.school
    school.full_name = (
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»"
    )
    school.short_name = "МБОУ СОШ № 7"
    school.phone = "8 (3462) 52-00-07"
    school.save()
    return school


@pytest.fixture
def pairs_order(cast, charter_school):
    school = charter_school
    mentor = make_person(school, "Кузьмина-Караваева", "Алёна", "Петровна", sex="f")
    chernykh = make_person(school, "Черных", "Ольга", "Ивановна", sex="f")
    dumas = make_person(school, "Дюма", "Александр", "Игоревич", sex="m")
    shevchenko = make_person(school, "Шевченко", "Пётр", "Фомич", sex="m")
    yolkin = make_person(school, "Ёлкин", "Пётр", "Фомич", sex="m")
    people = [mentor, chernykh, dumas, shevchenko, yolkin]
    items = [
        f"Назначить {mentor.name_accusative} наставником {chernykh.name_genitive} и {dumas.name_genitive} "
        "с 01.10.2026 по 31.05.2027.",
        f"Назначить {shevchenko.name_accusative} наставником {yolkin.name_genitive}.",
        "Утвердить состав наставнических пар (групп) согласно приложению № 1.",
    ]
    return order_create(
        organization=school,
        kind=Order.Kind.PAIRS,
        title="О закреплении наставнических пар (групп)",
        preamble="В соответствии с Положением о системе наставничества педагогических работников "
        "МБОУ СОШ № 7, на основании решения методического совета (протокол от 25.09.2026 № 1)",
        items=items,
        participants=[(p, "наставник" if p in (mentor, shevchenko) else "наставляемый") for p in people],
        created_by=cast.curator,
        annexes=[
            {
                "title": "Состав наставнических пар (групп) на 2026/2027 учебный год",
                "columns": ["Наставник", "Наставляемый", "Форма наставничества", "Срок"],
                "rows": [
                    [mentor.full_name, chernykh.full_name, "педагог – педагог", "01.10.2026 – 31.05.2027"],
                    [mentor.full_name, dumas.full_name, "педагог – педагог", "01.10.2026 – 31.05.2027"],
                    [shevchenko.full_name, yolkin.full_name, "педагог – педагог", "01.10.2026 – 31.05.2027"],
                ],
            }
        ],
    )


def test_draft_pdf_is_watermarked_and_has_no_number(pairs_order):
    text = pdf_text(render_order_pdf(pairs_order))
    assert text.lstrip().startswith("ПРОЕКТ")
    assert "№ 1" not in flat(text).split("ПРИКАЗ", 1)[1].split("г. Сургут")[0]


def test_signed_pdf_has_the_requisites_in_order(pairs_order, cast):
    order_send_for_signature(order=pairs_order, user=cast.curator)
    order = order_sign(order=pairs_order, director=cast.director)
    text = flat(pdf_text(render_order_pdf(order)))
    assert "ПРОЕКТ" not in text
    sequence = [
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
        "(МБОУ СОШ № 7)",
        "ПРИКАЗ",
        f"{order.date:%d.%m.%Y}",
        "№ 1",
        "г. Сургут",
        "О закреплении наставнических пар (групп)",
        "В соответствии с Положением",
        "ПРИКАЗЫВАЮ:",
        "1. Назначить",
        "4. Контроль за исполнением настоящего приказа оставляю за собой.",
        "Директор",
        "Н. В. Кузнецова",
        "С приказом ознакомлены:",
        "А. П. Кузьмина-Караваева (наставник)",
        "Исп.: Соловьёва Елена Петровна",
        "тел. 8 (3462) 52-00-07",
        f"Приложение № 1 к приказу МБОУ СОШ № 7 от {order.date:%d.%m.%Y} № 1",
        "Состав наставнических пар (групп)",
    ]
    position = 0
    for fragment in sequence:
        found = text.find(fragment, position)
        assert found >= 0, f"{fragment!r} missing or out of order"
        position = found + len(fragment)


def test_names_are_declined_and_indeclinable_surnames_kept(pairs_order):
    text = flat(pdf_text(render_order_pdf(pairs_order)))
    assert (
        "Назначить Кузьмину-Караваеву Алёну Петровну наставником Черных Ольги Ивановны и Дюма Александра Игоревича"
        in text
    )
    assert "Назначить Шевченко Петра Фомича наставником Ёлкина Петра Фомича." in text
    for name in ("О. И. Черных", "А. И. Дюма", "П. Ф. Шевченко", "П. Ф. Ёлкин"):
        assert name in text


def test_signature_line_has_position_left_and_name_right(pairs_order, cast):
    order_send_for_signature(order=pairs_order, user=cast.curator)
    order = order_sign(order=pairs_order, director=cast.director)
    text = pdf_text(render_order_pdf(order), layout=True)
    line = next(line for line in text.splitlines() if "Директор" in line)
    assert re.search(r"^\s*Директор\s{10,}Н\.\s+В\.\s+Кузнецова\s*$", line)


def test_order_of_one_pair_fits_on_one_page(cast, charter_school):
    # Its time budget (0.5 s warm) is measured by `make bench` («order PDF»), not here: a shared machine.
    data = render_order_pdf(make_draft(charter_school, cast.curator))
    assert data.startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signed_pdf_is_stored_once_with_its_sha256(cast, charter_school):
    order = make_draft(charter_school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    order.refresh_from_db()
    assert order.pdf and len(order.pdf_sha256) == 64
    with default_storage.open(order.pdf.name, "rb") as fh:
        assert sha256_hex(fh.read()) == order.pdf_sha256
    assert store_signed_pdf(order_id=order.pk).pdf.name == order.pdf.name


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_pdf_leaves_the_order_signed_and_download_regenerates_it(cast, charter_school, monkeypatch):
    import apps.orders.documents as documents

    monkeypatch.setattr(documents, "html_to_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("шрифт")))
    order = make_draft(charter_school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.pdf_sha256 == ""
    monkeypatch.undo()
    data = order_pdf_bytes(order)
    order.refresh_from_db()
    assert sha256_hex(data) == order.pdf_sha256


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lost_file_is_regenerated_identically(cast, charter_school):
    order = make_draft(charter_school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    order.refresh_from_db()
    digest = order.pdf_sha256
    default_storage.delete(order.pdf.name)
    assert sha256_hex(order_pdf_bytes(order)) == digest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_damaged_file_is_replaced_by_an_identical_copy(cast, charter_school):
    from django.core.files.base import ContentFile

    order = make_draft(charter_school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    order.refresh_from_db()
    digest, name = order.pdf_sha256, order.pdf.name
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"%PDF-1.7 damaged"))
    assert sha256_hex(order_pdf_bytes(order)) == digest
    with default_storage.open(name, "rb") as fh:
        assert sha256_hex(fh.read()) == digest
