"""Pages of monitoring: thin views over the selectors, forms, services and documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.accounts.selectors import organizations_of
from apps.accounts.session import active_organization
from apps.core.db_router import reads_from_replica
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.xlsx import XLSX_CONTENT_TYPE, content_disposition
from apps.organizations.models import AcademicYear
from apps.pairs.models import GroupMember

from . import documents, selectors, services
from .filters import CampaignFilter
from .forms import (
    AssessmentForm,
    CampaignForm,
    CriterionForm,
    IndicatorForm,
    ProtocolForm,
    QuestionForm,
    QuestionnaireForm,
    ReportForm,
    SectionForm,
    SurveyForm,
    survey_steps,
)
from .models import Assessment, Question
from .selectors.outcomes import outcome_overview, program_outcomes


def _organization(request, perm: str):
    """The active organisation; without one there is nothing to show (404); not allowed: 403."""
    organization = active_organization(request)
    if organization is None:
        raise Http404
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _year(request, years: list[AcademicYear] | None = None) -> AcademicYear | None:
    """The year asked for, else the current one, else the latest; picked from ``years`` (all of them,
    latest first, as selectors.years() reads them) when the page has them already: no query."""
    pk = request.GET.get("year")
    if years is not None:
        if pk and str(pk).isdigit():
            return next((y for y in years if y.pk == int(pk)), None)
        current = sorted((y for y in years if y.is_current), key=lambda y: y.pk)
        return current[0] if current else (years[0] if years else None)
    if pk and str(pk).isdigit() and int(pk) < 2**31:  # a longer number is no id (and no 500)
        return AcademicYear.objects.filter(pk=pk).first()
    return AcademicYear.objects.current() or AcademicYear.objects.order_by("-start_year").first()


def _program(request, pk: int, perm: str = "monitoring.view_program"):
    program = selectors.program_for(user=request.user, pk=pk)
    if not request.user.has_perm(perm, program):
        raise PermissionDenied
    return program


def _mentees(program):
    return [m.mentee_person for m in program.group.members.all() if m.status != GroupMember.Status.ENDED]


# Dashboards ---------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    organization = _organization(request, "monitoring.view_dashboard")
    years = selectors.years()
    year = _year(request, years)
    if year is None:
        raise Http404
    summary = selectors.organization_summary(organization=organization, year=year, charts=True)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            **summary,
            "years": years,
            "charts": selectors.chart_data(summary, summary["trend"], summary["months"]),
            "organization": organization,
        },
    )


@login_required
def program_card(request, pk: int):
    program = _program(request, pk)
    full = request.user.has_perm("monitoring.view_program_full", program)
    programs = type(program).objects.filter(pk=program.pk)
    level1 = selectors.level1(programs) if full else selectors.level1_for_mentor(program)
    if full:
        level1 = {**level1, "hidden": False}
    mentee_outcomes, mentor_results = program_outcomes(program)
    return render(
        request,
        "monitoring/program_card.html",
        {
            "program": program,
            "full": full,
            "level1": level1,
            "level2": selectors.level2(programs),
            "level2_detail": selectors.level2_detail(program) if full else [],
            "level3": selectors.level3(programs),
            "progress": selectors.progress(programs),
            "protocols": selectors.protocols_of(program) if full else [],
            "k": selectors.K_ANONYMITY,
            "mentee_outcomes": mentee_outcomes,
            "mentor_results": mentor_results,
        },
    )


@login_required
@reads_from_replica
def overview(request):
    if not request.user.has_perm("monitoring.view_overview"):
        raise PermissionDenied
    year = _year(request)
    # 25 organisations a page: their figures are computed for the page alone, so the page costs the
    # same for a municipality and for a region ten times larger (issue 18).
    scope = organizations_of(request.user).order_by("municipality__name", "short_name", "pk")
    page = Paginator(scope, 25).get_page(request.GET.get("page"))
    rows = selectors.overview_rows(organizations=page.object_list, year=year) if year else []
    outcomes = (
        outcome_overview(user=request.user, year=year, organizations=[r["organization"].pk for r in rows])
        if year
        else {}
    )
    for row in rows:
        row["outcomes"] = outcomes["organizations"].get(row["organization"].pk)
    return render(
        request,
        "monitoring/overview.html",
        {"rows": rows, "page_obj": page, "year": year, "years": selectors.years(), "outcomes": outcomes},
    )


# Questionnaires -----------------------------------------------------------------------------------


@login_required
def template_list(request):
    organization = _organization(request, "monitoring.manage")
    return render(
        request,
        "monitoring/template_list.html",
        {"templates": selectors.templates_for(organization=organization), "organization": organization},
    )


@login_required
@one_shot
def template_create(request):
    organization = _organization(request, "monitoring.manage")
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.questionnaire_create(
                organization=organization, user=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("monitoring:template-builder", pk=template.pk)
    return render(request, "monitoring/form_page.html", {"form": form, "title": "Новая анкета"})


@login_required
@require_POST
@one_shot
def template_copy(request, pk: int):
    organization = _organization(request, "monitoring.manage")
    source = selectors.template_for(user=request.user, pk=pk)
    copy = services.questionnaire_copy(template=source, organization=organization, user=request.user)
    messages.success(request, "Анкета скопирована в вашу организацию: её можно изменять.")
    return redirect("monitoring:template-builder", pk=copy.pk)


def _template_for_edit(request, pk: int):
    template = selectors.template_for(user=request.user, pk=pk)
    if template.organization is not None and not request.user.has_perm(
        "monitoring.manage", template.organization
    ):
        raise PermissionDenied
    if template.organization is None and not request.user.has_perm(
        "monitoring.manage", active_organization(request)
    ):
        raise PermissionDenied
    return template


def _builder_context(template, question_form=None, section_form=None):
    return {
        "template": template,
        "content": selectors.template_content(template),
        "question_form": question_form or QuestionForm(sections=template.sections.all()),
        "section_form": section_form or SectionForm(),
        "editable": template.organization_id is not None and template.is_current,
    }


def _builder_response(request, template, old_pk, **forms):
    """After a change: the new version gets its own page (htmx redirect); else the partial again."""
    if template.pk != old_pk:
        messages.info(request, f"На анкету уже отвечали: изменения сохранены как версия {template.version}.")
        url = reverse("monitoring:template-builder", args=[template.pk])
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    ctx = _builder_context(template, **forms)
    if request.htmx:
        return render(request, "monitoring/_builder.html", ctx)
    return redirect("monitoring:template-builder", pk=template.pk)


@login_required
def template_builder(request, pk: int):
    template = _template_for_edit(request, pk)
    return render(request, "monitoring/template_builder.html", _builder_context(template))


@login_required
@require_POST
@one_shot
def question_add(request, pk: int):
    template = _template_for_edit(request, pk)
    form = QuestionForm(request.POST, sections=template.sections.all())
    if form.is_valid():
        try:
            new = services.question_add(
                template=template,
                user=request.user,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                choices=form.choice_list(),
                required=form.cleaned_data["required"],
                topic=form.cleaned_data["topic"] or "",
                section_title=form.cleaned_data["section_title"] or "",
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _builder_response(request, new, template.pk)
    ctx = _builder_context(template, question_form=form)
    return render(
        request, "monitoring/_builder.html" if request.htmx else "monitoring/template_builder.html", ctx
    )


@login_required
@require_POST
@one_shot
def section_add(request, pk: int):
    template = _template_for_edit(request, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            new = services.section_add(template=template, user=request.user, title=form.cleaned_data["title"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _builder_response(request, new, template.pk)
    ctx = _builder_context(template, section_form=form)
    return render(
        request, "monitoring/_builder.html" if request.htmx else "monitoring/template_builder.html", ctx
    )


@login_required
@require_POST
def question_delete(request, pk: int, question_pk: int):
    template = _template_for_edit(request, pk)
    question = get_object_or_404(Question, pk=question_pk, template=template)
    try:
        new = services.question_delete(question=question, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("monitoring:template-builder", pk=template.pk)
    return _builder_response(request, new, template.pk)


# Campaigns ----------------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    organization = _organization(request, "monitoring.manage")
    filterset = CampaignFilter(
        request.GET, queryset=selectors.campaigns_for(organization=organization), organization=organization
    )
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/campaign_list.html",
        {"page_obj": page, "organization": organization, "filter": filterset},
    )


@login_required
@one_shot
def campaign_create(request):
    organization = _organization(request, "monitoring.manage")
    from apps.programs.models import Program

    form = CampaignForm(
        request.POST or None,
        templates=selectors.templates_for(organization=organization),
        programs=Program.objects.filter(organization=organization)
        .exclude(status=Program.Status.DRAFT)
        .order_by("title"),
        initial={"template": request.GET.get("template")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                organization=organization,
                user=request.user,
                template=form.cleaned_data["template"],
                title=form.cleaned_data["title"],
                audience=form.cleaned_data["audience"],
                point=form.cleaned_data["point"],
                days_to_answer=form.cleaned_data["days_to_answer"],
                programs=list(form.cleaned_data["programs"]),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Анкетирование запущено: участники увидят анкету на главной странице.")
            return redirect("monitoring:campaign-detail", pk=campaign.pk)
    return render(request, "monitoring/form_page.html", {"form": form, "title": "Новое анкетирование"})


def _campaign(request, pk: int):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    if not request.user.has_perm("monitoring.manage", campaign.organization):
        raise PermissionDenied
    return campaign


@login_required
def campaign_detail(request, pk: int):
    campaign = _campaign(request, pk)
    rows = list(selectors.campaign_assignments(campaign))
    answered = sum(1 for r in rows if r.answered_at)
    return render(
        request,
        "monitoring/campaign_detail.html",
        {
            "campaign": campaign,
            "rows": rows,
            "answered": answered,
            "today": services.today(),
        },
    )


@login_required
@require_POST
def campaign_close(request, pk: int):
    campaign = _campaign(request, pk)
    try:
        services.campaign_close(campaign=campaign, user=request.user)
        messages.success(request, "Анкетирование завершено.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("monitoring:campaign-detail", pk=campaign.pk)


@login_required
def campaign_print(request, pk: int):
    campaign = _campaign(request, pk)
    pdf = documents.survey_form_pdf(
        campaign=campaign,
        base_url=request.build_absolute_uri("/"),
        assignments=selectors.campaign_assignments(campaign).filter(answered_at__isnull=True),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="survey-{campaign.pk}.pdf"'
    return response


@login_required
@one_shot
def survey_fill(request, token: str):
    assignment = selectors.assignment_for(user=request.user, token=token)
    state = services.assignment_state(assignment)
    questions = list(assignment.campaign.template.questions.all())
    form = SurveyForm(request.POST or None, questions=questions) if state == "open" else None
    if request.method == "POST":
        if form is None:
            messages.error(request, "Анкета закрыта или уже заполнена.")
            return redirect("monitoring:survey-fill", token=token)
        if form.is_valid():
            try:
                services.survey_submit(assignment=assignment, user=request.user, data=form.answers())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Спасибо! Ваши ответы записаны анонимно.")
                return redirect("accounts:dashboard")
    return render(request, "monitoring/survey_fill.html", _survey_context(assignment, state, form))


def _survey_context(assignment, state: str, form, *, paper: bool = False) -> dict:
    """The survey page: its screens (one per section) and the screen to open first, the first one
    with an error after a refused post."""
    steps = survey_steps(form, selectors.template_content(assignment.campaign.template)) if form else []
    start = next((i for i, step in enumerate(steps) if step["has_error"]), 0)
    return {
        "assignment": assignment,
        "state": state,
        "form": form,
        "steps": steps,
        "start_step": start,
        "paper": paper,
    }


@login_required
@one_shot
def survey_paper(request, pk: int, assignment_pk: int):
    """The curator types in a paper form the addressee filled (the printable form with the QR code)."""
    campaign = _campaign(request, pk)
    assignment = get_object_or_404(
        campaign.assignments.select_related("campaign__template", "program", "person"), pk=assignment_pk
    )
    state = services.assignment_state(assignment)
    questions = list(campaign.template.questions.all())
    form = SurveyForm(request.POST or None, questions=questions) if state == "open" else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.survey_submit(assignment=assignment, user=request.user, data=form.answers(), paper=True)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Ответы с бумажного бланка внесены (анонимно).")
            return redirect("monitoring:campaign-detail", pk=campaign.pk)
    return render(
        request, "monitoring/survey_fill.html", _survey_context(assignment, state, form, paper=True)
    )


# Level 2 and 3 ------------------------------------------------------------------------------------


@login_required
@one_shot
def assessment(request, pk: int):
    program = _program_any(request, pk)
    user = request.user
    raters = [
        r
        for r, perm in [
            (Assessment.Rater.SELF, "monitoring.assess_self"),
            (Assessment.Rater.MENTOR, "monitoring.assess_mentor"),
            (Assessment.Rater.CURATOR, "monitoring.assess_curator"),
            (Assessment.Rater.TEST, "monitoring.assess_curator"),
        ]
        if user.has_perm(perm, program)
    ]
    mentees = _mentees(program)
    if Assessment.Rater.SELF in raters and len(raters) == 1:
        mentees = [p for p in mentees if p.user_id == user.pk]
    form = AssessmentForm(request.POST or None, mentees=mentees, raters=raters)
    if request.method == "POST" and form.is_valid():
        mentee = next(p for p in mentees if str(p.pk) == form.cleaned_data["mentee"])
        rater = form.cleaned_data["rater"]
        if rater == Assessment.Rater.SELF and mentee.user_id != user.pk:
            form.add_error("mentee", "Самооценку ставит только сам наставляемый.")
        else:
            try:
                services.assessment_record(
                    program=program,
                    mentee=mentee,
                    stage=form.cleaned_data["stage"],
                    rater=rater,
                    scores=form.scores(),
                    user=user,
                    max_score=form.cleaned_data.get("max_score") or 5,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Оценка сохранена.")
                return redirect("monitoring:assessment", pk=program.pk)
    return render(
        request,
        "monitoring/assessment.html",
        {"program": program, "form": form, "mentee_areas": _mentee_areas(program)},
    )


def _program_any(request, pk: int):
    program = selectors.program_for(user=request.user, pk=pk)
    if not request.user.has_perm("monitoring.assess_any", program):
        raise PermissionDenied
    return program


def _mentee_areas(program) -> dict:
    from apps.banks.models import AREA_SHORT_LABELS, MenteeDifficulty

    rows = MenteeDifficulty.objects.filter(entry__memberships__group=program.group).values_list(
        "entry__person__last_name", "area"
    )
    areas: dict = {}
    for name, area in rows:
        areas.setdefault(name, []).append(AREA_SHORT_LABELS.get(area, area))
    return areas


@login_required
@one_shot
def protocol_create(request, pk: int):
    program = _program(request, pk, "monitoring.observe")
    criteria = services.criteria_for(program.organization)
    form = ProtocolForm(request.POST or None, mentees=_mentees(program), criteria=criteria)
    if request.method == "POST" and form.is_valid():
        mentee = next(p for p in _mentees(program) if str(p.pk) == form.cleaned_data["mentee"])
        try:
            services.protocol_create(
                program=program,
                mentee=mentee,
                stage=form.cleaned_data["stage"],
                observer=request.user,
                observer_role=form.cleaned_data["observer_role"],
                visited_on=form.cleaned_data["visited_on"],
                lesson=form.cleaned_data["lesson"],
                notes=form.cleaned_data["notes"],
                scores=form.scores(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Протокол посещения урока сохранён.")
            return redirect("monitoring:program-card", pk=program.pk)
    return render(
        request,
        "monitoring/form_page.html",
        {"form": form, "title": "Протокол посещения урока", "program": program},
    )


@login_required
@one_shot
def criteria(request):
    organization = _organization(request, "monitoring.manage")
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(
                organization=organization, title=form.cleaned_data["title"], user=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Критерий добавлен.")
            return redirect("monitoring:criteria")
    return render(
        request,
        "monitoring/criteria.html",
        {"criteria": services.criteria_for(organization), "form": form, "organization": organization},
    )


# Level 4 ------------------------------------------------------------------------------------------


@login_required
def indicators(request):
    organization = _organization(request, "monitoring.manage")
    form = IndicatorForm(request.POST or None, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_set(organization=organization, user=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Показатель сохранён.")
            return redirect("monitoring:indicators")
    from .models import OrganizationIndicator

    items = OrganizationIndicator.objects.filter(organization=organization).select_related(
        "year", "entered_by"
    )
    return render(
        request, "monitoring/indicators.html", {"form": form, "items": items, "organization": organization}
    )


# Reports ------------------------------------------------------------------------------------------


def _report_args(request, organization):
    from apps.programs.models import Program

    form = ReportForm(
        request.GET or None, programs=Program.objects.filter(organization=organization).order_by("title")
    )
    year, ids = _year(request), None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        ids = [p.pk for p in form.cleaned_data["programs"]] or None
    return form, year, ids


@login_required
def reports(request):
    organization = _organization(request, "monitoring.view_reports")
    form = _report_args(request, organization)[0]
    return render(
        request,
        "monitoring/reports.html",
        {"form": form, "organization": organization, "query": request.GET.urlencode()},
    )


@login_required
@reads_from_replica
def annual_report(request, fmt: str):
    organization = _organization(request, "monitoring.view_reports")
    _form, year, ids = _report_args(request, organization)
    if year is None:
        raise Http404
    kwargs = {"organization": organization, "year": year, "program_ids": ids}
    stem = f"Аналитический отчёт {year.label.replace('/', '-')}"
    if fmt == "pdf":
        response = HttpResponse(
            documents.annual_report_pdf(user=request.user, **kwargs), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition(stem + ".pdf").replace("attachment", "inline")
        return response
    response = HttpResponse(
        documents.annual_report_xlsx(user=request.user, **kwargs), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition(stem + ".xlsx")
    return response
