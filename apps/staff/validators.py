"""Checks of uploaded scans: size and the real type read from the file's first bytes."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

SCAN_MAX_BYTES = 5 * 1024 * 1024

# The first bytes of each accepted format; the browser's content type and the name are not trusted.
MAGIC = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}


def detect_kind(head: bytes) -> str | None:
    for kind, signatures in MAGIC.items():
        if any(head.startswith(s) for s in signatures):
            return kind
    return None


def validate_scan(upload) -> None:
    """A scan of a signed document: PDF, JPEG or PNG, not empty, at most SCAN_MAX_BYTES."""
    if upload.size == 0:
        raise ValidationError("Файл пустой: загрузите скан ещё раз.")
    if upload.size > SCAN_MAX_BYTES:
        raise ValidationError(
            f"Файл слишком большой ({filesizeformat(upload.size)}): допускается не больше "
            f"{filesizeformat(SCAN_MAX_BYTES)}. Сохраните скан с меньшим разрешением."
        )
    extension = Path(upload.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError("Загрузите скан в формате PDF, JPEG или PNG.")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    kind = detect_kind(head)
    if kind is None:
        raise ValidationError(
            "Содержимое файла не похоже на PDF, JPEG или PNG: файл повреждён или другого типа."
        )
    if kind != EXTENSIONS[extension]:
        raise ValidationError("Расширение файла не совпадает с его содержимым: сохраните скан заново.")
