"""The one check of every uploaded file: its real type read from the content, its extension agreeing
with it, and one size limit (``settings.UPLOAD_MAX_BYTES``), with a Russian message at the field.

Every file field of the portal, on a model or a form, carries ``UploadValidator(kinds)``; a test walks
the forms and fails for a file field without it. The browser's content type and the name alone are
never trusted: an executable renamed ``x.pdf`` is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from .exceptions import DomainError

_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# An encrypted Office Open XML file is an OLE container with these streams (MS-OFFCRYPTO).
_ENCRYPTION_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS: dict[str, Kind] = {
    "pdf": Kind("PDF", (".pdf",), "application/pdf"),
    "jpeg": Kind("JPEG", (".jpg", ".jpeg"), "image/jpeg"),
    "png": Kind("PNG", (".png",), "image/png"),
    "xlsx": Kind(
        "Excel (.xlsx)", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "docx": Kind(
        "Word (.docx)", (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "pptx": Kind(
        "PowerPoint (.pptx)",
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": Kind("OpenDocument (.odt)", (".odt",), "application/vnd.oasis.opendocument.text"),
    "ods": Kind("OpenDocument (.ods)", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": Kind("OpenDocument (.odp)", (".odp",), "application/vnd.oasis.opendocument.presentation"),
    "doc": Kind("Word (.doc)", (".doc",), "application/msword"),
    "xls": Kind("Excel (.xls)", (".xls",), "application/vnd.ms-excel"),
    "ppt": Kind("PowerPoint (.ppt)", (".ppt",), "application/vnd.ms-powerpoint"),
}

SCAN = ("pdf", "jpeg", "png")  # a signed paper: consents
PDF = ("pdf",)
WORKBOOK = ("xlsx",)
# Evidence of a program's work: scans, photos and office documents.
DOCUMENTS = (*SCAN, "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt")

# The part an Office Open XML package of each kind must hold; an OpenDocument's «mimetype» entry.
_OOXML_MAIN = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml", "pptx": "ppt/presentation.xml"}
_ODF_MIMETYPE = {kind: KINDS[kind].content_type.encode() for kind in ("odt", "ods", "odp")}


def limit_text(limit: int | None = None) -> str:
    """«10 МБ»"""
    limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
    megabytes = limit / (1024 * 1024)
    return f"{megabytes:g} МБ" if megabytes >= 1 else f"{max(limit // 1024, 1)} КБ"


def kinds_text(kinds: tuple[str, ...]) -> str:
    """«PDF, JPEG или PNG»"""
    labels = [KINDS[k].label for k in kinds]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " или " + labels[-1]


def help_text(kinds: tuple[str, ...]) -> str:
    return f"{kinds_text(kinds)}, не больше {limit_text()}."


def _zip_entries(upload) -> dict[str, zipfile.ZipInfo] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _content_kind(upload, head: bytes, claimed: str) -> str | None:
    """The kind the content proves, judged against the kind the extension claims."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(_OLE_MAGIC):
        return claimed if claimed in ("doc", "xls", "ppt") else "ole"
    if head.startswith(b"PK\x03\x04"):
        entries = _zip_entries(upload)
        if entries is None:
            return "broken"
        if claimed in _OOXML_MAIN:
            if "[Content_Types].xml" in entries and _OOXML_MAIN[claimed] in entries:
                return claimed
            return "zip"
        if claimed in _ODF_MIMETYPE and "mimetype" in entries:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive, archive.open("mimetype") as entry:
                if entry.read(100).strip() == _ODF_MIMETYPE[claimed]:
                    return claimed
        return "zip"
    return None


def validate_upload(upload, *, kinds: tuple[str, ...]) -> str:
    """The content type of an accepted upload; otherwise ``ValidationError`` with a Russian message."""
    if upload is None or upload is False:  # no file, or «clear» of a ClearableFileInput
        return ""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    accepted = kinds_text(kinds)
    limit = settings.UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            f"Файл «{PurePath(name).name}» слишком большой: можно загрузить не больше {limit_text()}.",
            code="upload_too_big",
        )
    if size == 0:
        raise ValidationError("Файл пустой: выберите его ещё раз.", code="upload_empty")
    extension = PurePath(name).suffix.lower()
    claimed = next((k for k in kinds if extension in KINDS[k].extensions), None)
    if claimed is None:
        raise ValidationError(
            f"Файл «{PurePath(name).name}» не принят: загрузите {accepted}.", code="upload_extension"
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(16)
        found = _content_kind(upload, head, claimed)
    finally:
        upload.seek(position)
    if found == "ole" and claimed in _OOXML_MAIN:
        raise ValidationError(_ole_message(upload, claimed), code="upload_content")
    if found == "broken":
        raise ValidationError(
            f"Файл «{PurePath(name).name}» повреждён и не открывается: сохраните его заново и загрузите.",
            code="upload_content",
        )
    if found != claimed:
        raise ValidationError(
            f"Файл «{PurePath(name).name}» не является файлом {KINDS[claimed].label}: его содержимое "
            f"другого типа. Загрузите {accepted}.",
            code="upload_content",
        )
    return KINDS[claimed].content_type


def check_upload(upload, *, kinds: tuple[str, ...], field: str) -> str:
    """``validate_upload`` for a service: the content type, or the refusal as a ``DomainError`` at
    ``field`` of the form that sent the file."""
    try:
        return validate_upload(upload, kinds=kinds)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=field) from None


def _ole_message(upload, claimed: str) -> str:
    """An old-format or password-protected Office file under a new-format name: say how to fix it."""
    upload.seek(0)
    data = upload.read(settings.UPLOAD_MAX_BYTES)
    upload.seek(0)
    if any(marker in data for marker in _ENCRYPTION_MARKERS):
        what = {"xlsx": "Книга защищена", "docx": "Документ защищён", "pptx": "Презентация защищена"}[claimed]
        return (
            f"{what} паролем, и прочитать файл нельзя. Откройте его, снимите пароль («Файл → Сведения → "
            "Защита → Зашифровать с использованием пароля», очистите поле) и загрузите снова."
        )
    old = {"xlsx": "Excel (.xls)", "docx": "Word (.doc)", "pptx": "PowerPoint (.ppt)"}[claimed]
    return (
        f"Это файл старого формата {old}, переименованный в .{claimed}. Откройте его и сохраните "
        f"в формате .{claimed} («Файл → Сохранить как»)."
    )


@deconstructible
class UploadValidator:
    """``validators=[UploadValidator(SCAN)]`` on a model or form file field."""

    def __init__(self, kinds: tuple[str, ...] | list[str]):
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown upload kinds: {sorted(unknown)}")
        self.kinds = tuple(kinds)

    def __call__(self, upload) -> None:
        validate_upload(upload, kinds=self.kinds)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and other.kinds == self.kinds

    def __hash__(self) -> int:
        return hash(self.kinds)


def upload_validator_of(field) -> UploadValidator | None:
    return next((v for v in field.validators if isinstance(v, UploadValidator)), None)


class UploadField(forms.FileField):
    """A form file field checked by ``UploadValidator``; the file picker offers the accepted extensions."""

    def __init__(self, *, kinds: tuple[str, ...], **kwargs):
        kwargs.setdefault("help_text", help_text(kinds))
        kwargs["validators"] = [*kwargs.get("validators", ()), UploadValidator(kinds)]
        self.kinds = tuple(kinds)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(ext for kind in self.kinds for ext in KINDS[kind].extensions)
        return attrs
