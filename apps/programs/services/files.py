"""Evidence files of a program: the upload check and the attachment."""

from django.db import transaction

from apps.core.uploads import DOCUMENTS, check_upload

from ..models import (
    EvidenceFile,
    Program,
)
from .programs import _require_not_finished


@transaction.atomic
def file_attach(*, program: Program, user, upload, event=None, activity=None) -> EvidenceFile:
    _require_not_finished(program)
    content_type = check_upload(upload, kinds=DOCUMENTS, field="files")
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
