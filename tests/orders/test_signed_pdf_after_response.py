"""The signed order's PDF is made after the director's answer (issue 18), from the text whose hash the
signature fixed; the director's POST does not wait for it."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from apps.core.demo import DEMO_PASSWORD
from apps.core.exceptions import DomainError
from apps.core.pdf import sha256_hex
from apps.orders import documents
from apps.orders.documents import content_digest, order_pdf_bytes, store_signed_pdf
from apps.orders.models import Order
from apps.orders.services import order_send_for_signature, order_sign
from tests.factories.orders import make_draft

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def awaiting(cast):
    order = make_draft(cast.school, cast.curator)
    return order_send_for_signature(order=order, user=cast.curator)


def test_signing_through_the_page_answers_before_the_pdf_is_made(cast, awaiting, monkeypatch):
    from django.contrib.auth.hashers import make_password

    cast.director.password = make_password(DEMO_PASSWORD)
    cast.director.save(update_fields=["password"])
    made = []
    real = documents.html_to_pdf

    def render(html):
        made.append("pdf")
        return real(html)

    monkeypatch.setattr(documents, "html_to_pdf", render)
    client = Client()
    client.force_login(cast.director)
    handler_returned = []

    # The response leaves the handler before its closers run (the server closes it after sending).
    from django.http import HttpResponseBase

    real_close = HttpResponseBase.close

    def close(response):
        handler_returned.append(list(made))
        real_close(response)

    monkeypatch.setattr(HttpResponseBase, "close", close)
    response = client.post(reverse("orders:order-sign", args=[awaiting.pk]), {"password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert handler_returned[0] == []  # no PDF made while the answer was produced
    assert made == ["pdf"]  # made once the answer was closed
    order = Order.objects.get(pk=awaiting.pk)
    assert order.is_signed and order.pdf and order.content_sha256 == content_digest(order)
    with default_storage.open(order.pdf.name, "rb") as fh:
        assert sha256_hex(fh.read()) == order.pdf_sha256


def test_pdf_is_not_made_from_a_text_other_than_the_one_signed(cast, awaiting, monkeypatch):
    monkeypatch.setattr(documents, "html_to_pdf", lambda html: (_ for _ in ()).throw(OSError("шрифт")))
    order_sign(order=awaiting, director=cast.director)  # signed, its PDF failed: made on download
    monkeypatch.undo()
    order = Order.objects.get(pk=awaiting.pk)
    assert order.pdf_sha256 == ""
    # The text printed now differs from the text signed (here: the template changed after signing).
    monkeypatch.setattr(documents, "order_document_context", lambda o: {"order": o, "is_draft": False})
    with pytest.raises(DomainError, match="не совпадает с подписанным"):
        store_signed_pdf(order_id=order.pk)
    monkeypatch.undo()
    assert sha256_hex(order_pdf_bytes(order)) == Order.objects.get(pk=order.pk).pdf_sha256


def test_a_download_while_the_copy_is_being_made_waits_for_it_instead_of_rendering_again(
    cast, awaiting, monkeypatch
):
    import threading

    from django.db import connection

    monkeypatch.setattr(documents, "html_to_pdf", lambda html: (_ for _ in ()).throw(OSError("шрифт")))
    order_sign(order=awaiting, director=cast.director)  # no copy yet: made below, as after the answer
    monkeypatch.undo()
    real = documents.html_to_pdf
    rendering, release, renders = threading.Event(), threading.Event(), []

    def slow(html):
        renders.append(threading.current_thread().name)
        rendering.set()
        assert release.wait(30)
        return real(html)

    monkeypatch.setattr(documents, "html_to_pdf", slow)

    def make_copy():
        try:
            store_signed_pdf(order_id=awaiting.pk)
        finally:
            connection.close()

    maker = threading.Thread(target=make_copy, name="after-response")
    maker.start()
    assert rendering.wait(30)
    downloaded = []

    def download():
        try:
            downloaded.append(order_pdf_bytes(Order.objects.get(pk=awaiting.pk)))
        finally:
            connection.close()

    reader = threading.Thread(target=download, name="download")
    reader.start()
    reader.join(0.5)
    assert reader.is_alive()  # waits on the order's row lock
    release.set()
    maker.join(30)
    reader.join(30)
    assert renders == ["after-response"]
    assert sha256_hex(downloaded[0]) == Order.objects.get(pk=awaiting.pk).pdf_sha256
