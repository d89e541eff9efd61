"""The writes of the benchmark (issue 18): what a person saves, posted through the same view they use.

Each write is an HTTP POST through Django's test client as the ``scale_*`` user who does it, with the
form as the page renders it (its CSRF token and one-shot token, its preset values; the bench fills
what the person types). One iteration runs in a transaction that is rolled back, so runs repeat:

1. ``prepare`` brings the data to the state the write starts from (draft pairs to put into an order,
   an order on the director's desk, a candidate in the mentor bank …), through the services, untimed;
2. the page with the form is opened (GET, untimed);
3. the POST is timed until the answer, with the ``transaction.on_commit`` callbacks it registers: in
   production they run when the view's transaction commits, before the view returns, so the person
   waits for them; under the rolled-back transaction they would never run, so ``CommitAtViewEnd`` (the
   benchmark's innermost middleware) runs them where the commit would be. Work queued to run after the
   answer has left (``apps.core.after_response``: the signed order's PDF) runs too, timed apart
   (``after_response_ms``): the person does not wait for it;
4. ``check`` asserts the write took effect (a refused write answers 302 too, with a message);
5. rollback; files the write stored (the signed PDF) are deleted.

What is not measured: the COMMIT itself (a WAL flush, a few ms) and the page the redirect leads to (a
page of the pages table).
"""

import statistics
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Targets of issue 18, per write.
WRITE_MEDIAN_MS = 150
WRITE_P95_MS = 300


class Skip(Exception):
    """The data has nothing this write starts from (e.g. the demo data lack a state): reported, not run."""


# The form as the page renders it ----------------------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action and the values a browser would send without a change (hidden
    and text inputs, checked boxes and radios, textareas, selected options; a radio group with nothing
    checked is left out, as a browser does)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower()}
            self._form["fields"] = []
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self._form["fields"].append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "selected": []}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["selected"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["selected"] or (
                [self._select["first"]] if self._select["first"] is not None else []
            )
            self._form["fields"].extend((self._select["name"], v) for v in chosen)
            self._select = None


def form_data(html: str, *, page_url: str, action: str) -> dict[str, list[str]]:
    """The fields of the POST form of ``html`` that is sent to ``action`` (an empty action: the page)."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        target = urlsplit(form["action"]).path or urlsplit(page_url).path
        if form["method"] == "post" and target == urlsplit(action).path:
            data: dict[str, list[str]] = {}
            for name, value in form["fields"]:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"{page_url} has no POST form to {action}")


# The writes ---------------------------------------------------------------------------------------------


@dataclass
class Write:
    """``prepare(cast) -> state`` (inside the rolled-back transaction), ``page`` and ``action`` (the URL
    of the page with the form and the URL it posts to), ``fill(data, cast, state)`` (what the person
    types or chooses), ``check(response, cast, state)`` (the write took effect; returns a detail text),
    ``files(cast, state)`` (names in the default storage the write stored, deleted after the rollback)."""

    name: str
    role: str
    page: Callable
    action: Callable
    prepare: Callable = lambda cast: {}
    fill: Callable = lambda data, cast, state: None
    check: Callable = lambda response, cast, state: ""
    files: Callable = lambda cast, state: []
    notes: list[str] = field(default_factory=list)


def _reverse(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


def _redirected(response) -> None:
    assert response.status_code == 302, f"HTTP {response.status_code}, not a redirect after the write"


# Pairs, orders: the curator drafts the order from draft pairs, sends it; the director signs it.

PAIRS_IN_ORDER = 4  # more than apps.pairs.services.orders.ANNEX_THRESHOLD: the pairs go to an annex


def draft_pairs(cast, count: int = PAIRS_IN_ORDER) -> list:
    """``count`` draft pairs of the curator's organisation (fewer if fewer mentees wait), formed through
    the service from the mentees waiting in the bank, each participant's consent to the additional
    duties on record."""
    from django.utils import timezone

    from apps.banks.models import MenteeEntry, MentorEntry
    from apps.core.exceptions import DomainError
    from apps.pairs.models import Direction, DutyConsent, Form, MentoringGroup
    from apps.pairs.selectors import mentors_for_choice, participants
    from apps.pairs.services import group_create

    organization, year = cast.organization, cast.year
    curator = cast.users["curator"]
    today = timezone.localdate()
    mentees = list(
        MenteeEntry.objects.filter(
            organization=organization, year=year, status=MenteeEntry.Status.WAITING
        ).order_by("pk")
    )
    mentors = list(mentors_for_choice(organization=organization, year=year))
    if not mentees or not mentors:
        raise Skip(f"{organization.short_name}: {len(mentees)} mentees waiting, {len(mentors)} mentors")
    count = min(count, len(mentees))  # a small region (the tests' seed) has fewer
    groups = []
    directions = list(Direction.values)
    for mentee in mentees:
        if len(groups) == count:
            break
        for mentor in mentors:
            if mentor.person_id == mentee.person_id:
                continue
            # A free place for the pair: a mentor's limit raised if need be (the bench's data, rolled back).
            MentorEntry.objects.filter(pk=mentor.pk).update(max_mentees=10)
            try:
                group = group_create(
                    organization=organization,
                    year=year,
                    mentor=mentor,
                    mentees=[mentee],
                    form=Form.TEACHER_TEACHER,
                    types=["traditional"],
                    direction=directions[len(groups) % len(directions)],
                    planned_start=today,
                    planned_end=today + timedelta(days=270),
                    created_by=curator,
                )
            except DomainError:
                continue
            groups.append(group)
            break
    if len(groups) < count:
        raise Skip(f"{organization.short_name}: only {len(groups)} of {count} draft pairs could be formed")
    for group in MentoringGroup.objects.filter(pk__in=[g.pk for g in groups]):
        have = set(group.duty_consents.values_list("person_id", flat=True))
        DutyConsent.objects.bulk_create(
            DutyConsent(
                group=group, person=p, form=DutyConsent.Form.PORTAL, signed_on=today, recorded_by=curator
            )
            for p in participants(group)
            if p.pk not in have
        )
    return groups


def order_of_pairs(cast, *, send: bool):
    from apps.orders.services import order_send_for_signature
    from apps.pairs.services import groups_submit_to_order

    curator = cast.users["curator"]
    order = groups_submit_to_order(groups=draft_pairs(cast), user=curator)
    if send:
        order = order_send_for_signature(order=order, user=curator)
    return order


def _prepare_draft_from_pairs(cast):
    return {"groups": draft_pairs(cast)}


def _fill_groups(data, cast, state):
    data["groups"] = [str(g.pk) for g in state["groups"]]


def _check_drafted(response, cast, state):
    from apps.pairs.models import MentoringGroup

    _redirected(response)
    groups = MentoringGroup.objects.filter(pk__in=[g.pk for g in state["groups"]])
    assert all(g.status == MentoringGroup.Status.AWAITING_ORDER and g.assigned_order_id for g in groups), (
        "the pairs are not in an order"
    )
    order = groups[0].assigned_order
    annex = ", the pairs in an annex" if order.annexes.exists() else ""
    return f"{len(state['groups'])} pairs, {order.participants.count()} participants{annex}"


def _check_sent(response, cast, state):
    _redirected(response)
    order = state["order"]
    order.refresh_from_db(fields=["status"])
    assert order.status == order.Status.AWAITING_SIGNATURE, f"not sent: {order.status}"
    return f"{order.participants.count()} participants"


def _fill_password(data, cast, state):
    from apps.core.demo import DEMO_PASSWORD

    data["password"] = DEMO_PASSWORD


def _check_signed(response, cast, state):
    from apps.orders.documents import order_pdf_bytes
    from apps.pairs.models import MentoringGroup

    _redirected(response)
    order = state["order"]
    order.refresh_from_db()
    assert order.is_signed and order.number, f"not signed: {order.status}"
    assert MentoringGroup.objects.filter(assigned_order=order, status=MentoringGroup.Status.ACTIVE).exists()
    assert order.pdf_sha256, "the signed order has no SHA-256"
    order_pdf_bytes(order)  # the stored copy, checked against its SHA-256 (made now if it was deferred)
    return f"№ {order.number}, {order.participants.count()} participants, PDF stored"


def _signed_files(cast, state):
    order = state["order"]
    order.refresh_from_db(fields=["pdf"])
    return [order.pdf.name] if order.pdf else []


# Staff, banks: a consent on paper; the director approves a mentor.


def _person_without_consent(cast):
    """A teacher of the curator's organisation whose consent is withdrawn now (through the service)."""
    from django.utils import timezone

    from apps.staff.models import PersonalDataConsent
    from apps.staff.services import consent_withdraw

    consent = (
        PersonalDataConsent.objects.filter(
            person__organization=cast.organization,
            person__left_on__isnull=True,
            person__user__isnull=True,
            withdrawn_on__isnull=True,
        )
        .select_related("person")
        .order_by("-pk")
        .first()
    )
    if consent is None:
        raise Skip("no teacher with a consent to withdraw")
    consent_withdraw(consent=consent, withdrawn_by=cast.users["curator"], withdrawn_on=timezone.localdate())
    return {"person": consent.person}


def _fill_consent(data, cast, state):
    from django.utils import timezone

    data["signed_on"] = [timezone.localdate().isoformat()]
    data["paper_location"] = ["личное дело педагога"]


def _check_consent(response, cast, state):
    from apps.staff.selectors import has_valid_consent

    _redirected(response)
    assert has_valid_consent(state["person"]), "no valid consent after the write"
    return "paper, no scan"


def _mentor_candidate(cast):
    from django.utils import timezone

    from apps.banks.models import MentorEntry
    from apps.banks.services import mentor_entry_create
    from apps.staff.models import Person
    from apps.staff.selectors import valid_consent_exists

    person = (
        Person.objects.filter(organization=cast.organization, left_on__isnull=True)
        .filter(valid_consent_exists())
        .exclude(mentor_entries__year=cast.year)
        .exclude(mentee_entries__year=cast.year)
        .order_by("pk")
        .first()
    )
    if person is None:
        raise Skip("no teacher outside the banks")
    entry = mentor_entry_create(
        organization=cast.organization,
        year=cast.year,
        person=person,
        user=cast.users["curator"],
        consent_signed_on=timezone.localdate(),
    )
    assert entry.status == MentorEntry.Status.CANDIDATE
    return {"entry": entry}


def _check_approved(response, cast, state):
    entry = state["entry"]
    _redirected(response)
    entry.refresh_from_db(fields=["status"])
    assert entry.status == entry.Status.APPROVED, f"not approved: {entry.status}"
    return ""


# Programs: the mentor's log entry, a section of a program; the mentee's survey.


def _check_logged(response, cast, state):
    from apps.programs.models import ActivityLog

    _redirected(response)
    assert ActivityLog.objects.filter(program=cast.program).count() == state["log"] + 1, "no new entry"
    return "the quick form of the program page"


def _count_log(cast):
    from apps.programs.models import ActivityLog

    return {"log": ActivityLog.objects.filter(program=cast.program).count()}


def _fill_log(data, cast, state):
    data["notes"] = ["Разобрали урок, составили план следующего занятия."]


def editable_program(cast):
    """A program the mentor may edit (a draft or one on approval); if the mentor has none, one of the
    organisation edited by the curator."""
    from apps.programs.models import Program

    mentor = cast.users["mentor"]
    for program in Program.objects.filter(
        group__mentor__person__user=mentor, status__in=Program.EDITABLE_STATUSES
    ).order_by("-pk"):
        if mentor.has_perm("programs.edit_program", program):
            return program, "mentor"
    program = (
        Program.objects.filter(organization=cast.organization, status__in=Program.EDITABLE_STATUSES)
        .order_by("-pk")
        .first()
    )
    if program is None:
        raise Skip("no program in draft or on approval")
    return program, "curator"


def _program_state(cast):
    cast.section_program.refresh_from_db()
    return {"version": cast.section_program.version}


def _fill_section(data, cast, state):
    data["goal"] = [(data.get("goal") or [""])[0] + " Уточнено наставником."]


def _check_section(response, cast, state):
    program = cast.section_program
    _redirected(response)
    program.refresh_from_db(fields=["version", "goal"])
    assert program.version == state["version"] + 1 and "Уточнено" in program.goal, "the section is not saved"
    return f"{program.get_status_display()}, {len(program.goal)} characters"


def open_assignment(cast):
    """A mentee's survey of her program: an open one of the bench's mentee, else of another mentee with a
    login; else the latest unanswered one (hers first), whose dates ``_reopen`` moves to today inside the
    rolled-back transaction (the seed's campaigns are dated from the day it ran)."""
    from django.db.models import Q

    from apps.monitoring.models import Campaign, SurveyAssignment
    from apps.monitoring.services import today

    day = today()
    unanswered = SurveyAssignment.objects.filter(
        answered_at__isnull=True, role=SurveyAssignment.Role.MENTEE
    ).exclude(campaign__status=Campaign.Status.CLOSED)
    open_ = unanswered.filter(opens_on__lte=day, due_on__gte=day)
    mine = Q(person__user=cast.users["mentee"])
    anyone = Q(person__user__isnull=False, person__user__is_active=True)
    found = (
        open_.filter(mine).first()
        or open_.filter(anyone).order_by("pk").first()
        or unanswered.filter(mine).order_by("-due_on").first()
        or unanswered.filter(anyone).order_by("-due_on", "pk").first()
    )
    if found is None:
        raise Skip("no unanswered survey of a mentee with a login")
    return SurveyAssignment.objects.select_related("campaign__template", "person__user").get(pk=found.pk)


def _reopen(cast):
    from apps.monitoring.models import SurveyAssignment
    from apps.monitoring.services import today

    survey, day = cast.survey, today()
    if not survey.opens_on <= day <= survey.due_on:
        SurveyAssignment.objects.filter(pk=survey.pk).update(
            opens_on=min(survey.opens_on, day), due_on=max(survey.due_on, day)
        )
        return {"reopened": True}
    return {}


def _fill_survey(data, cast, state):
    for question in cast.survey.campaign.template.questions.all():
        name = f"q{question.pk}"
        if question.is_scale:
            data[name] = [str(question.scale_max)]
        elif question.choices:
            data[name] = [question.choices[0]]
        else:
            data[name] = ["Всё понятно, спасибо."]


def _check_answered(response, cast, state):
    from apps.monitoring.models import SurveyAssignment

    _redirected(response)
    assert SurveyAssignment.objects.filter(pk=cast.survey.pk, answered_at__isnull=False).exists(), (
        "the survey is not answered"
    )
    reopened = ", its dates moved to today" if state.get("reopened") else ""
    return f"{cast.survey.campaign.template.questions.count()} questions{reopened}"


WRITES = [
    Write(
        "draft an order from pairs",
        "curator",
        page=lambda cast, state: _reverse("pairs:group-list") + "?status=draft",
        action=lambda cast, state: _reverse("pairs:order-create"),
        prepare=_prepare_draft_from_pairs,
        fill=_fill_groups,
        check=_check_drafted,
    ),
    Write(
        "send an order for signature",
        "curator",
        page=lambda cast, state: _reverse("orders:order-detail", state["order"].pk),
        action=lambda cast, state: _reverse("orders:order-send", state["order"].pk),
        prepare=lambda cast: {"order": order_of_pairs(cast, send=False)},
        check=_check_sent,
    ),
    Write(
        "sign an order (with its PDF)",
        "director",
        page=lambda cast, state: _reverse("orders:order-sign", state["order"].pk),
        action=lambda cast, state: _reverse("orders:order-sign", state["order"].pk),
        prepare=lambda cast: {"order": order_of_pairs(cast, send=True)},
        fill=_fill_password,
        check=_check_signed,
        files=_signed_files,
    ),
    Write(
        "save a consent",
        "curator",
        page=lambda cast, state: _reverse("staff:consent-create", state["person"].pk),
        action=lambda cast, state: _reverse("staff:consent-create", state["person"].pk),
        prepare=_person_without_consent,
        fill=_fill_consent,
        check=_check_consent,
    ),
    Write(
        "approve a mentor",
        "director",
        page=lambda cast, state: _reverse("banks:mentor-detail", state["entry"].pk),
        action=lambda cast, state: _reverse("banks:mentor-approve", state["entry"].pk),
        prepare=_mentor_candidate,
        check=_check_approved,
    ),
    Write(
        "record an activity-log entry",
        "mentor",
        page=lambda cast, state: _reverse("programs:program-detail", cast.program.pk),
        action=lambda cast, state: _reverse("programs:activity-add", cast.program.pk),
        prepare=_count_log,
        fill=_fill_log,
        check=_check_logged,
    ),
    Write(
        "save a program section",
        "section",  # the mentor, or the curator when the mentor has no editable program
        page=lambda cast, state: _reverse("programs:program-edit", cast.section_program.pk),
        action=lambda cast, state: _reverse("programs:program-edit", cast.section_program.pk),
        prepare=_program_state,
        fill=_fill_section,
        check=_check_section,
    ),
    Write(
        "answer a survey",
        "mentee",
        page=lambda cast, state: _reverse("monitoring:survey-fill", cast.survey.token),
        action=lambda cast, state: _reverse("monitoring:survey-fill", cast.survey.token),
        prepare=_reopen,
        fill=_fill_survey,
        check=_check_answered,
    ),
]

QUICK = {"sign an order (with its PDF)", "save a consent", "record an activity-log entry"}


# Measuring ------------------------------------------------------------------------------------------


def prepare_cast(cast) -> None:
    """What the writes need beyond the pages' cast: the program whose section is saved, the survey."""
    try:
        cast.section_program, cast.section_role = editable_program(cast)
    except Skip:
        cast.section_program, cast.section_role = None, None
    try:
        cast.survey = open_assignment(cast)
    except Skip:
        cast.survey = None


def run_on_commit(connection, start: int) -> int:
    """Run the ``on_commit`` callbacks registered since ``start`` (and those they register), as a
    commit would; the number run."""
    ran = 0
    while len(connection.run_on_commit) > start:
        callbacks = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for _savepoints, callback, _robust in callbacks:
            callback()
            ran += 1
    return ran


class CommitAtViewEnd:
    """The innermost middleware of the benchmark (bench/settings.py). While a write is measured, the
    request runs inside the benchmark's transaction, so the view's own transaction ends in a savepoint
    and its ``on_commit`` callbacks would wait for a commit that never comes. In production they run
    when the view's transaction commits, before the view returns: this runs them there."""

    active = False
    ran = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not CommitAtViewEnd.active:
            return self.get_response(request)
        from django.db import connection

        start = len(connection.run_on_commit)
        response = self.get_response(request)
        CommitAtViewEnd.ran += run_on_commit(connection, start)
        return response


class _AfterResponseTimer:
    """Times the work the response runs after it has left (``apps.core.after_response``)."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def __enter__(self):
        from apps.core import after_response

        self._module, self._real = after_response, after_response.run_queued

        def timed(queue):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                self._real(queue)
            finally:
                self.wall += time.perf_counter() - started
                self.cpu += time.process_time() - cpu

        after_response.run_queued = timed
        return self

    def __exit__(self, *exc):
        self._module.run_queued = self._real


def once(write: Write, cast, client, *, capture: bool = False) -> dict:
    """One write, rolled back: the time until the answer (wall and CPU), the time of the work after
    the answer, and with ``capture`` its SQL statements (after the answer included)."""
    from django.core.files.storage import default_storage
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    files = []
    with transaction.atomic():
        state = write.prepare(cast)
        page = write.page(cast, state)
        action = write.action(cast, state)
        opened = client.get(page)
        assert opened.status_code == 200, f"{page}: HTTP {opened.status_code}"
        data = form_data(opened.content.decode(), page_url=page, action=action)
        write.fill(data, cast, state)
        start = len(connection.run_on_commit)
        queries = CaptureQueriesContext(connection) if capture else nullcontext()
        CommitAtViewEnd.active, CommitAtViewEnd.ran = True, 0
        try:
            with queries, _AfterResponseTimer() as after:
                started, cpu = time.perf_counter(), time.process_time()
                response = client.post(action, data)
                callbacks = run_on_commit(connection, start)  # none when CommitAtViewEnd is installed
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            CommitAtViewEnd.active = False
        detail = write.check(response, cast, state)
        files = write.files(cast, state)
        transaction.set_rollback(True)
    for name in files:
        default_storage.delete(name)
    result = {
        "s": elapsed - after.wall,
        "cpu_s": cpu - after.cpu,
        "after_s": after.wall,
        "detail": detail,
        "url": action,
        "on_commit": callbacks + CommitAtViewEnd.ran,
    }
    if capture:
        result["queries"] = len(queries.captured_queries)
    return result


def _user_of(write: Write, cast):
    """Who posts the write, and the role shown in the table."""
    if write.role == "section":
        if cast.section_program is None:
            raise Skip("no program in draft or on approval")
        return cast.users[cast.section_role], cast.section_role
    if write.role == "mentee":
        if cast.survey is None:
            raise Skip("no open survey of a mentee with a login")
        user = cast.survey.person.user
        return user, "mentee" if user == cast.users["mentee"] else f"mentee ({user.username})"
    return cast.users[write.role], write.role


def measure_write(write: Write, cast, clients, repeat: int, warmup: int) -> dict:
    from django.test import Client

    from .run import ms, percentile

    row = {"write": write.name, "median_target_ms": WRITE_MEDIAN_MS, "p95_target_ms": WRITE_P95_MS}
    try:
        user, row["role"] = _user_of(write, cast)
    except Skip as skip:
        return {**row, "role": write.role, "skipped": str(skip)}
    # As a sign-in with the password would: a hash made at older parameters (the region seeded before
    # Argon2id, apps/accounts/hashers.py) is replaced once, outside the rolled-back writes; otherwise
    # every signature would re-check the old hash.
    from apps.core.demo import DEMO_PASSWORD

    hashed = user.password
    user.check_password(DEMO_PASSWORD)
    client = clients.get(row["role"])
    if client is None or user.password != hashed:  # a new hash ends the sessions signed in before it
        client = clients[row["role"]] = Client()
        client.force_login(user)
    try:
        first = once(write, cast, client, capture=True)
        for _ in range(max(0, warmup - 1)):
            once(write, cast, client)
        runs = [once(write, cast, client) for _ in range(repeat)]
    except Skip as skip:
        return {**row, "skipped": str(skip)}
    times = [r["s"] for r in runs]
    median, p95 = statistics.median(times), percentile(times, 95)
    row.update(
        url=first["url"],
        first_ms=ms(first["s"]),
        median_ms=ms(median),
        p95_ms=ms(p95),
        cpu_median_ms=ms(statistics.median(r["cpu_s"] for r in runs)),
        after_response_ms=ms(statistics.median(r["after_s"] for r in runs)),
        queries=first["queries"],
        on_commit=first["on_commit"],
        detail=first["detail"],
    )
    row["meets_targets"] = row["median_ms"] < WRITE_MEDIAN_MS and row["p95_ms"] < WRITE_P95_MS
    return row
