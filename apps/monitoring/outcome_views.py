"""Pages of level 4 per mentee (issue 15): the pupils' results, the activity, the adaptation of one
program. Thin views: a form validates, a service writes, a DomainError goes to the field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from apps.accounts.rules import is_curator, is_psychologist
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.programs.rules import is_program_mentee, is_program_mentor

from . import outcome_services, selectors
from .models import AdaptationAssessment, ProfessionalActivity, PupilResults
from .outcome_forms import ActivityForm, AdaptationForm, PupilResultsForm


def _program(request, pk: int, perm: str):
    """A program of the user's scope (else 404) the user may do ``perm`` on (else 403)."""
    program = selectors.program_for(user=request.user, pk=pk)
    if not request.user.has_perm(perm, program):
        raise PermissionDenied
    return program


def _mentees(program) -> list:
    return [m.mentee_person for m in program.group.members.all()]


def _percent(value) -> str:
    return f"{value.normalize():f}".replace(".", ",") + " %"


def _picked(people, pk):
    return next((p for p in people if p.pk == pk), None)


def _page(request, program, form, *, title, intro, records, back):
    return render(
        request,
        "monitoring/outcome_form.html",
        {"program": program, "form": form, "title": title, "intro": intro, "records": records, "back": back},
    )


@login_required
@one_shot
def pupil_results(request, pk: int):
    program = _program(request, pk, "monitoring.enter_pupil_results")
    mentees = _mentees(program)
    form = PupilResultsForm(request.POST or None, mentees=mentees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome_services.pupil_results_record(
                program=program,
                mentee=_picked(mentees, data["mentee"]),
                point=data["point"],
                passed_share=data["passed_share"],
                quality_share=data["quality_share"],
                olympiad_participants=data["olympiad_participants"],
                classes=data["classes"],
                source=data["source"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Результаты обучающихся сохранены.")
            return redirect("monitoring:program-card", pk=program.pk)
    records = PupilResults.objects.filter(program=program).select_related("mentee")
    return _page(
        request,
        program,
        form,
        title="Результаты обучающихся наставляемого",
        intro="Уровень 4 модели Киркпатрика: результаты обучающихся наставляемого в начале и в конце "
        "программы. Внесённое снова для того же наставляемого и этапа заменяет прежнее.",
        records=[
            (
                f"{r.mentee.short_name}, {r.get_point_display()}",
                "; ".join(
                    part
                    for part in (
                        f"ВПР, ОГЭ, ЕГЭ: {_percent(r.passed_share)}" if r.passed_share is not None else "",
                        f"качество знаний: {_percent(r.quality_share)}"
                        if r.quality_share is not None
                        else "",
                        f"участники олимпиад: {r.olympiad_participants}",
                        r.classes,
                        r.source,
                    )
                    if part
                ),
            )
            for r in records
        ],
        back="monitoring:program-card",
    )


@login_required
@one_shot
def activity(request, pk: int):
    program = _program(request, pk, "monitoring.enter_activity")
    user = request.user
    staff = is_curator(user, program) or is_program_mentor(user, program)
    as_mentee = not staff and is_program_mentee(user, program)
    mentees = _mentees(program)
    if as_mentee:
        mentees = [p for p in mentees if p.user_id == user.pk]
    mentor = program.group.mentor.person
    form = ActivityForm(request.POST or None, mentees=mentees, mentor=None if as_mentee else mentor)
    if request.method == "POST" and form.is_valid():
        whose, person_pk = form.whose_and_pk()
        person = mentor if whose == ProfessionalActivity.Whose.MENTOR else _picked(mentees, person_pk)
        data = form.cleaned_data
        try:
            outcome_services.activity_record(
                program=program,
                person=person,
                whose=whose,
                kind=data["kind"],
                level=data["level"],
                title=data["title"],
                happened_on=data["happened_on"],
                result=data["result"],
                user=user,
                as_mentee=as_mentee,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Запись об активности сохранена.")
            return redirect("monitoring:activity", pk=program.pk)
    records = ProfessionalActivity.objects.filter(program=program).select_related("person")
    if as_mentee:
        records = records.filter(person__user=user)
    return _page(
        request,
        program,
        form,
        title="Профессиональная активность",
        intro="Социально-профессиональная активность наставляемого (конкурсы, методические объединения, "
        "открытые уроки, публикации, конференции) и собственные результаты наставника за год.",
        records=[
            (
                f"{a.happened_on:%d.%m.%Y} · {a.person.short_name} ({a.get_whose_display()})",
                f"{a.get_kind_display()}, {a.get_level_display()} уровень: {a.title}"
                + (f" — {a.result}" if a.result else ""),
            )
            for a in records
        ],
        back="programs:program-detail" if as_mentee else "monitoring:program-card",
    )


@login_required
@one_shot
def adaptation(request, pk: int):
    program = _program(request, pk, "monitoring.assess_adaptation")
    user = request.user
    Rater = AdaptationAssessment.Rater
    raters = [
        rater
        for rater, predicate in (
            (Rater.MENTOR, is_program_mentor),
            (Rater.PSYCHOLOGIST, is_psychologist),
            (Rater.CURATOR, is_curator),
        )
        if predicate(user, program)
    ]
    mentees = _mentees(program)
    form = AdaptationForm(request.POST or None, mentees=mentees, raters=raters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome_services.adaptation_record(
                program=program,
                mentee=_picked(mentees, data["mentee"]),
                point=data["point"],
                rater=data["rater"],
                level=data["level"],
                assessed_on=data["assessed_on"],
                note=data["note"],
                user=user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Оценка адаптации сохранена.")
            return redirect("monitoring:program-card", pk=program.pk)
    records = AdaptationAssessment.objects.filter(program=program).select_related("mentee")
    return _page(
        request,
        program,
        form,
        title="Качество и темпы адаптации",
        intro="Уровень адаптации молодого, нового или менее опытного педагога по пятибалльной шкале — в "
        "начале, в середине и в конце программы; темп — изменение уровня за месяц.",
        records=[
            (
                f"{a.assessed_on:%d.%m.%Y} · {a.mentee.short_name}, {a.get_point_display()}",
                f"{a.level} — {AdaptationAssessment.SCALE[a.level]} ({a.get_rater_display()})"
                + (f": {a.note}" if a.note else ""),
            )
            for a in records
        ],
        back="monitoring:program-card",
    )
