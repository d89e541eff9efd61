"""The order as a document (ГОСТ Р 7.0.97-2025): rendering, and the signed copy stored once.

The signature fixes the SHA-256 of the order's print HTML (``content_sha256``, in the signing UPDATE); the
PDF is rendered from that HTML after the director's answer has left (``order_sign``, issue 18) and its own
SHA-256 is fixed when it is stored. A PDF is made only from a text whose hash is the one signed.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string

from apps.core.exceptions import DomainError
from apps.core.names import initials_surname
from apps.core.pdf import html_to_pdf, sha256_hex
from apps.core.russian import by_sex

from .models import Order

TEMPLATE = "pdf/order.html"


def _director_from_card(organization) -> str:
    parts = (organization.director_name or "").split()
    if len(parts) >= 2:
        return initials_surname(parts[0], parts[1], parts[2] if len(parts) > 2 else "")
    return organization.director_name or ""


# The acquaintance rows kept together at the head (with the heading) and at the tail of the list: a
# page never starts with one or two lonely rows.
_ACK_KEEP = 3


def _acquaintance(participants) -> tuple[str, list[dict]]:
    rows = [{"name": p.initials_name, "role": p.role_label} for p in participants]
    if not rows:
        return "", []
    if len(rows) == 1:
        heading = f"С приказом {by_sex(participants[0].person, 'ознакомлен', 'ознакомлена')}:"
    else:
        heading = "С приказом ознакомлены:"
    if len(rows) <= 2 * _ACK_KEEP:
        return heading, [{"rows": rows, "keep": True}]
    return heading, [
        {"rows": rows[:_ACK_KEEP], "keep": True},
        {"rows": rows[_ACK_KEEP:-_ACK_KEEP], "keep": False},
        {"rows": rows[-_ACK_KEEP:], "keep": True},
    ]


def order_document_context(order: Order) -> dict:
    organization = order.organization
    participants = list(order.participants.select_related("person"))
    heading, acquaintance = _acquaintance(participants)
    points = [item.text for item in order.items.all()]
    if order.control_text:
        points.append(order.control_text)
    return {
        "order": order,
        "organization": organization,
        "is_draft": not order.is_signed,
        "place": order.place or organization.locality,
        "preamble_paragraphs": [p.strip() for p in order.preamble.splitlines() if p.strip()],
        "points": points,
        "participants": participants,
        "acquaintance": acquaintance,
        "acquaintance_heading": heading,
        "annexes": list(order.annexes.all()),
        "signer_position": order.signer_position or organization.director_position or "Директор",
        "signer_name": order.signer_name or _director_from_card(organization),
    }


def order_document_html(order: Order) -> str:
    """The print HTML of the order: what the PDF is rendered from, and what the signature hashes."""
    return render_to_string(TEMPLATE, order_document_context(order))


def content_digest(order: Order) -> str:
    return sha256_hex(order_document_html(order).encode())


def render_order_pdf(order: Order, *, html: str | None = None) -> bytes:
    """Drafts carry the «ПРОЕКТ» watermark and no number; a signed order prints as signed."""
    return html_to_pdf(order_document_html(order) if html is None else html)


def _file_name(order: Order, digest: str) -> str:
    # The digest in the name: a regenerated copy lands on the same name, and copies of orders with the
    # same number in different databases sharing one media directory never overwrite each other.
    return f"orders/{order.year}/order-{order.organization_id}-{order.year}-{order.number}-{digest[:16]}.pdf"


def _stored_copy_matches(name: str, digest: str) -> bool:
    if not default_storage.exists(name):
        return False
    with default_storage.open(name, "rb") as fh:
        return sha256_hex(fh.read()) == digest


@transaction.atomic
def store_signed_pdf(*, order_id: int, repair: bool = False) -> Order:
    """Render and store the signed copy with its SHA-256, once. Later calls change nothing; a lost
    or damaged file is made again, and must come out byte for byte the same.

    Under the order's row lock (FOR NO KEY UPDATE: children's foreign keys are not blocked): the order
    page opened right after signing asks for the PDF (its preview) while the copy is being made after
    the answer; that request waits for the copy instead of rendering a second one."""
    order = (
        Order.objects.select_for_update(no_key=True, of=("self",))
        .select_related("organization")
        .get(pk=order_id)
    )
    if not order.is_signed:
        raise DomainError("Экземпляр сохраняется только для подписанного приказа.")
    stored = order.pdf_sha256 and order.pdf and default_storage.exists(order.pdf.name)
    # A repair checks the file again: another request may have made it while this one waited.
    if stored and (not repair or _stored_copy_matches(order.pdf.name, order.pdf_sha256)):
        return order
    html = order_document_html(order)
    if order.content_sha256 and sha256_hex(html.encode()) != order.content_sha256:
        raise DomainError("Текст приказа не совпадает с подписанным: экземпляр PDF не сформирован.")
    data = render_order_pdf(order, html=html)
    digest = sha256_hex(data)
    if order.pdf_sha256 and digest != order.pdf_sha256:
        raise DomainError("Восстановленный экземпляр приказа не совпадает с сохранённой контрольной суммой.")
    name = order.pdf.name if order.pdf_sha256 and order.pdf else _file_name(order, digest)
    if not _stored_copy_matches(name, digest):
        if default_storage.exists(name):  # damaged: the name is ours (it carries the digest)
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(data))
    if not order.pdf_sha256:
        Order.objects.filter(pk=order.pk, pdf_sha256="").update(pdf=name, pdf_sha256=digest)
        order.refresh_from_db(fields=["pdf", "pdf_sha256"])
    return order


def order_pdf_bytes(order: Order) -> bytes:
    """What «Скачать PDF» returns: the stored signed copy (checked against its SHA-256, and made
    again if storing failed or the file was lost or damaged), or a draft with the watermark."""
    if not order.is_signed:
        return render_order_pdf(order)
    if order.pdf_sha256 and order.pdf and _stored_copy_matches(order.pdf.name, order.pdf_sha256):
        with default_storage.open(order.pdf.name, "rb") as fh:
            return fh.read()
    order = store_signed_pdf(order_id=order.pk, repair=True)
    with default_storage.open(order.pdf.name, "rb") as fh:
        return fh.read()
