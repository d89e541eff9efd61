"""Pages of the staff registry: the list, a person's card and form, the invitation, the consents
(paper with a scan, or confirmed by the person in the portal), the printable consent form, the
withdrawal, and the destruction acts."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.accounts import oidc
from apps.accounts import services as account_services
from apps.accounts.selectors import organizations_of
from apps.accounts.session import active_organization
from apps.audit.selectors import account_history, last_change, merged_history, object_history
from apps.core import locking, russian
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.pdf import render_pdf
from apps.organizations.models import AcademicYear, Organization

from . import consent_texts, services
from .filters import PersonFilter
from .forms import (
    ConsentBulkForm,
    ConsentConfirmForm,
    ConsentPaperForm,
    ConsentWithdrawForm,
    InviteForm,
    PersonForm,
)
from .models import Person, PersonalDataConsent
from .selectors import (
    destruction_acts_of,
    people_of_user,
    people_scope,
    person_card,
    person_for_card,
    valid_consent_exists,
)
from .selectors import person_list as person_list_query

PAGE_SIZE = 25


def _organization_for(request, perm: str) -> Organization:
    """The organisation of a registry page: ``?org=<pk>`` among those the user may see (else 404), or
    the organisation the user works in now; visible but not allowed: 403."""
    wanted = request.GET.get("org")
    if wanted:
        if not wanted.isdigit():
            raise Http404("Организация не найдена")
        organization = get_object_or_404(organizations_of(request.user), pk=int(wanted))
    else:
        organization = active_organization(request)
        if organization is None:
            raise PermissionDenied
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _person_for(request, pk: int, perm: str) -> Person:
    """A person outside the user's organisations does not exist (404); visible but not allowed: 403."""
    try:
        person = person_for_card(user=request.user, pk=pk)
    except Person.DoesNotExist:
        raise Http404("Педагог не найден") from None
    if not request.user.has_perm(perm, person):
        raise PermissionDenied
    return person


def _consent_for(request, pk: int, perm: str) -> PersonalDataConsent:
    consent = get_object_or_404(
        PersonalDataConsent.objects.select_related("person__organization"),
        pk=pk,
        person__in=people_scope(request.user),
    )
    if not request.user.has_perm(perm, consent.person):
        raise PermissionDenied
    return consent


def _org_query(organization: Organization, request) -> str:
    """Keep ``?org=`` on links when the page was opened for an organisation other than the active one."""
    return f"?org={organization.pk}" if request.GET.get("org") else ""


@login_required
@require_GET
def person_list(request):
    organization = _organization_for(request, "staff.list_people")
    year = AcademicYear.objects.current()
    queryset = person_list_query(user=request.user, organization=organization, year=year)
    filterset = PersonFilter(request.GET, queryset=queryset)
    if request.GET.get("export") == "xlsx":
        if not request.user.has_perm("staff.export_people", organization):
            raise PermissionDenied
        from .exports import people_xlsx

        return people_xlsx(filterset.qs)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["export"] = "xlsx"
    return render(
        request,
        "staff/person_list.html",
        {
            "organization": organization,
            "year": year,
            "filter": filterset,
            "page_obj": page,
            "export_query": export_query.urlencode(),
            "org_query": _org_query(organization, request),
            "filters_applied": any(
                request.GET.get(name) for name in filterset.filters if name not in ("ordering", "q")
            ),
        },
    )


@login_required
def person_detail(request, pk: int):
    person = _person_for(request, pk, "staff.view_person")
    can_see_data = request.user.has_perm("staff.view_person_data", person)
    context = {
        "person": person,
        "can_see_data": can_see_data,
        "today": timezone.localdate(),
        "can_issue_code": _may_issue_code(request.user, person),
        # The school's invitation to link the provider's sign-in: the same people as the code.
        "oidc_provider_name": oidc.provider_name() if oidc.enabled() else "",
    }
    if can_see_data:
        context.update(person_card(person=person))
        if request.user.has_perm("audit.view_history", person):
            # The card's changes and her account's settings (a messenger linked or unlinked).
            context["history"] = merged_history(object_history(person), account_history(person.user))
    return render(request, "staff/person_detail.html", context)


def _may_issue_code(user, person: Person) -> bool:
    """The button «Одноразовый код входа» only where the code would be issued."""
    if person.user_id is None or not user.has_perm("accounts.issue_sign_in_code", person.organization):
        return False
    try:
        account_services.sign_in_code_check(actor=user, user=person.user, organization=person.organization)
    except DomainError:
        return False
    return True


@login_required
@require_GET
def person_data_export(request, pk: int):
    """Everything the portal holds about the person, as the answer to their request (152-ФЗ art. 14):
    a ZIP with the cover letter (PDF) and the data (.xlsx). Recorded as an export in the journal."""
    from .documents import archive_filename, subject_archive
    from .subject_data import subject_data

    person = _person_for(request, pk, "staff.export_person_data")
    data = subject_data(person=person)
    response = FileResponse(
        io.BytesIO(subject_archive(data)),
        as_attachment=True,
        filename=archive_filename(data),
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"  # the archive holds personal data
    return response


@login_required
@one_shot
def person_create(request):
    organization = _organization_for(request, "staff.add_person")
    form = PersonForm(request.POST or None, instance=Person(organization=organization))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                organization=organization,
                data=form.service_data(),
                subjects=form.cleaned_data["subjects"],
                created_by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, f"{person.full_name} {russian.by_sex(person, 'внесён', 'внесена')} в реестр."
            )
            return redirect("staff:person-detail", pk=person.pk)
    return render(
        request,
        "staff/person_form.html",
        {
            "form": form,
            "organization": organization,
            "person": None,
            "org_query": _org_query(organization, request),
        },
    )


@login_required
def person_edit(request, pk: int):
    person = _person_for(request, pk, "staff.change_person")
    form = PersonForm(request.POST or None, instance=person)
    # Before validation: a bound ModelForm writes the posted values into ``person``.
    form.add_lock_token(services.person_lock_token(person, list(form.fields)))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(
                person=person,
                data=form.service_data(),
                subjects=form.cleaned_data["subjects"],
                **form.lock_kwargs(),
            )
        except locking.EditConflict as error:
            person.refresh_from_db()
            conflict = locking.conflict_context(
                form,
                error,
                reload_url=reverse("staff:person-edit", args=[person.pk]),
                last_change=last_change(person),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Сведения о педагоге сохранены.")
            return redirect("staff:person-detail", pk=person.pk)
    return render(
        request,
        "staff/person_form.html",
        {
            "form": form,
            "organization": person.organization,
            "person": person,
            "org_query": "",
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
@one_shot
def person_invite(request, pk: int):
    person = _person_for(request, pk, "staff.invite_person")
    form = InviteForm(request.POST or None, user=request.user, organization=person.organization)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.person_invite(
                person=person,
                role=form.cleaned_data["role"],
                invited_by=request.user,
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Приглашение отправлено на {user.email}: по ссылке из письма {person.short_name} "
                "задаст пароль и войдёт в портал.",
            )
            return redirect("staff:person-detail", pk=person.pk)
    return render(request, "staff/person_invite.html", {"person": person, "form": form})


# --- Consents ------------------------------------------------------------------------------------


@login_required
@one_shot
def consent_create(request, pk: int):
    """The curator or the director records a consent signed on paper, with its scan."""
    person = _person_for(request, pk, "staff.add_consent")
    form = ConsentPaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record_paper(
                person=person,
                subject_address=form.cleaned_data["subject_address"],
                subject_document=form.cleaned_data["subject_document"],
                representative=form.cleaned_data["representative"],
                signed_on=form.cleaned_data["signed_on"],
                scan=form.cleaned_data["scan"],
                paper_location=form.cleaned_data["paper_location"],
                recorded_by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Согласие на обработку персональных данных внесено.")
            return redirect("staff:person-detail", pk=person.pk)
    return render(
        request,
        "staff/consent_form.html",
        {"person": person, "form": form, "terms": services.consent_terms_for(person)},
    )


@login_required
@one_shot
def consent_bulk(request):
    """A folder of paper consents at once: the people of the organisation without a valid consent, with
    checkboxes; one date, where the papers are kept, a scan optional. All or nothing."""
    organization = _organization_for(request, "staff.add_consents_in_bulk")
    people = list(
        Person.objects.filter(organization=organization, left_on__isnull=True)
        .exclude(valid_consent_exists())
        .select_related("position")
        .order_by("last_name", "first_name", "patronymic", "pk")
    )
    form = ConsentBulkForm(request.POST or None, request.FILES or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            consents = services.consent_record_paper_bulk(
                organization=organization,
                people=[form.people[pk] for pk in form.cleaned_data["people"]],
                signed_on=form.cleaned_data["signed_on"],
                paper_location=form.cleaned_data["paper_location"],
                scan=form.cleaned_data["scan"],
                recorded_by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                "Внесены согласия на обработку персональных данных: "
                f"{russian.count(len(consents), 'педагог')}.",
            )
            return redirect(reverse("staff:person-list") + _org_query(organization, request))
    if request.method == "POST" and not form.is_valid():
        messages.error(request, "Согласия не внесены: исправьте ошибки в форме.")
    return render(
        request,
        "staff/consent_bulk.html",
        {
            "organization": organization,
            "form": form,
            "people": people,
            "org_query": _org_query(organization, request),
        },
    )


@login_required
def my_consent(request):
    """The signed-in teacher's own registry entries (one per organisation) and their consents."""
    people = list(people_of_user(request.user))
    valid = {
        c.person_id: c
        for c in PersonalDataConsent.objects.filter(
            person__in=people, withdrawn_on__isnull=True, destroyed_on__isnull=True
        )
    }
    for person in people:
        person.valid_consent = valid.get(person.pk)
    return render(
        request,
        "staff/my_consent.html",
        {
            "people": people,
            "consent_version": consent_texts.VERSION,
            "consent_news": consent_texts.NEWS,
            "older_versions": consent_texts.OLDER_VERSIONS,
        },
    )


@login_required
@one_shot
def consent_confirm(request, pk: int):
    """The person confirms the consent in the portal from their own account."""
    person = _person_for(request, pk, "staff.confirm_consent")
    form = ConsentConfirmForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_confirm_in_portal(
                person=person,
                user=request.user,
                subject_address=form.cleaned_data["subject_address"],
                subject_document=form.cleaned_data["subject_document"],
                representative=form.cleaned_data["representative"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Спасибо! Согласие на обработку персональных данных подтверждено.")
            return redirect("staff:my-consent")
    return render(
        request,
        "staff/consent_confirm.html",
        {"person": person, "form": form, "terms": services.consent_terms_for(person)},
    )


@login_required
@require_GET
def consent_pdf(request, pk: int):
    """The consent form pre-filled for signing on paper, or a copy of the valid consent in its own version."""
    person = _person_for(request, pk, "staff.print_consent")
    consent = person.consents.filter(withdrawn_on__isnull=True, destroyed_on__isnull=True).first()
    # A copy of a recorded consent shows the wording it was given in; a blank form, the current one.
    terms = services.consent_terms_of(consent) if consent is not None else services.consent_terms_for(person)
    pdf = render_pdf(
        "pdf/consent.html",
        {"person": person, "organization": person.organization, "terms": terms, "consent": consent},
    )
    filename = f"Согласие на обработку ПДн — {person.short_name}.pdf"
    return FileResponse(io.BytesIO(pdf), filename=filename, content_type="application/pdf")


@login_required
@require_GET
def consent_scan(request, pk: int):
    consent = _consent_for(request, pk, "staff.view_consents")
    if not consent.scan:
        raise Http404("Скан не загружен")
    name = consent.scan.name.lower()
    content_type = (
        "application/pdf" if name.endswith(".pdf") else "image/png" if name.endswith(".png") else "image/jpeg"
    )
    extension = name.rsplit(".", 1)[-1]
    return FileResponse(
        consent.scan.open("rb"),
        content_type=content_type,
        filename=f"Согласие {consent.person.short_name} от {consent.signed_on:%d.%m.%Y}.{extension}",
    )


@login_required
@one_shot
def consent_withdraw(request, pk: int):
    """A dangerous step, so a confirmation page: processing stops, the person leaves the banks."""
    consent = _consent_for(request, pk, "staff.withdraw_consent")
    person = consent.person
    managing = request.user.has_perm("staff.add_consent", person)
    # Bound on every POST: the person's own form has no fields, so an empty POST is still a submission.
    form = ConsentWithdrawForm(request.POST if request.method == "POST" else None)
    if not managing:
        # The person withdraws today, from their own account; the date is not theirs to choose.
        del form.fields["withdrawn_on"]
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_withdraw(
                consent=consent,
                withdrawn_by=request.user,
                withdrawn_on=form.cleaned_data.get("withdrawn_on"),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Согласие отозвано. Обработка прекращена, {person.short_name} "
                f"{russian.by_sex(person, 'исключён', 'исключена')} из банков; "
                f"персональные данные будут уничтожены не позднее {consent.destruction_due:%d.%m.%Y}.",
            )
            if managing:
                return redirect("staff:person-detail", pk=person.pk)
            return redirect("staff:my-consent")
    cancel_url = reverse("staff:person-detail", args=[person.pk]) if managing else reverse("staff:my-consent")
    return render(
        request,
        "staff/consent_withdraw.html",
        {"consent": consent, "person": person, "form": form, "cancel_url": cancel_url},
    )


@login_required
@require_GET
def destruction_act_list(request):
    organization = _organization_for(request, "staff.view_destruction_acts")
    page = Paginator(destruction_acts_of(organization=organization), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "staff/destruction_act_list.html", {"organization": organization, "page_obj": page}
    )
