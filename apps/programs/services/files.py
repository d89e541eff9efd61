"""Evidence files of a program: the upload check and the attachment."""

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.core.exceptions import DomainError
from apps.core.uploads import DOCUMENTS, validate_upload

from ..models import (
    EvidenceFile,
    Program,
)
from .programs import _require_not_finished


def check_upload(upload) -> str:
    """The content type of an allowed evidence file, or DomainError (the portal's upload check)."""
    try:
        return validate_upload(upload, kinds=DOCUMENTS)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="files") from None


@transaction.atomic
def file_attach(*, program: Program, user, upload, event=None, activity=None) -> EvidenceFile:
    _require_not_finished(program)
    content_type = check_upload(upload)
    name = (upload.name or "файл").replace("/", "_").replace("\\", "_")[-255:]
    return EvidenceFile.objects.create(
        program=program,
        event=event,
        activity=activity,
        file=upload,
        name=name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=user,
    )
