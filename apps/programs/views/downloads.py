"""Files to download: evidence, the program's PDF, the roadmap's workbook."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse

from .. import selectors
from .programs import _program_for


@login_required
def file_download(request, file_id: int):
    evidence = selectors.file_for(user=request.user, pk=file_id)
    program = selectors.program_detail(user=request.user, pk=evidence.program_id)
    if not request.user.has_perm("programs.view_program", program):
        raise Http404
    try:
        stream = evidence.file.open("rb")
    except FileNotFoundError:
        # The record outlived its file (restored without media, or removed by hand): say so, not a 500.
        raise Http404("Файл не найден в хранилище") from None
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def program_pdf(request, pk: int):
    from ..documents import program_pdf as render_program_pdf

    program = _program_for(request, pk, "programs.download_pdf")
    response = HttpResponse(render_program_pdf(program), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="program-{program.pk}.pdf"'
    return response


@login_required
def roadmap_xlsx(request, pk: int):
    from ..documents import roadmap_xlsx_response

    program = _program_for(request, pk)
    return roadmap_xlsx_response(program)
