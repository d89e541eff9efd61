"""The scale step of monitoring: the survey campaigns of every organisation (mentees and mentors at the
start and after a month, the potential-mentor questionnaire of the staff), their assignments, and the
responses with answers.

Reads ``ctx.orgs``, ``ctx.curator``, ``ctx.programs``, ``ctx.staffers``."""

from collections import defaultdict
from datetime import timedelta

from apps.core import scale_data as words
from apps.core.scale import ScaleContext
from apps.programs.dates import add_months
from apps.programs.models import Program
from apps.staff.models import Person

from .models import Answer, Audience, Campaign, Point, QuestionnaireTemplate, Response, SurveyAssignment


def build_surveys(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    templates = {
        t.code: t for t in QuestionnaireTemplate.objects.filter(organization__isnull=True, is_current=True)
    }
    questions = {code: list(t.questions.all()) for code, t in templates.items()}
    specs = [
        ("mentee_satisfaction", Audience.MENTEE, Point.START, "Входное анкетирование наставляемых"),
        ("mentor_satisfaction", Audience.MENTOR, Point.START, "Входное анкетирование наставников"),
        ("mentee_satisfaction", Audience.MENTEE, Point.MONTH, "Анкетирование наставляемых через месяц"),
        ("mentor_satisfaction", Audience.MENTOR, Point.MONTH, "Анкетирование наставников через месяц"),
    ]
    campaigns, campaign_programs, assignments = [], [], []
    programs_of: dict[int, list[Program]] = defaultdict(list)
    for program in ctx.programs:
        programs_of[program.organization_id].append(program)
    staff_of: dict[int, list[Person]] = defaultdict(list)
    for s in ctx.staffers:
        staff_of[s.person.organization_id].append(s.person)
    for o, org in enumerate(ctx.orgs):
        curator = ctx.curator[o].user
        org_programs = [p for p in programs_of[org.pk] if p.status == Program.Status.APPROVED]
        for code, audience, point, title in specs:
            campaign = Campaign(
                organization=org,
                template=templates[code],
                title=title,
                audience=audience,
                point=point,
                days_to_answer=14,
                created_by=curator,
            )
            campaign._programs = org_programs
            campaigns.append(campaign)
        staff_campaign = Campaign(
            organization=org,
            template=templates["potential_mentor"],
            title="Анкета потенциального наставника",
            audience=Audience.STAFF,
            point=Point.START,
            days_to_answer=30,
            created_by=curator,
        )
        staff_campaign._programs = []
        staff_campaign._opens = today - timedelta(days=rng.randint(20, 40))
        staff_campaign._people = staff_of[org.pk]
        campaigns.append(staff_campaign)
    ctx.copy(Campaign, campaigns, "campaigns")
    through = Campaign.programs.through
    for campaign in campaigns:
        campaign_programs.extend(
            through(campaign_id=campaign.pk, program_id=p.pk) for p in campaign._programs
        )
        if campaign.audience == Audience.STAFF:
            for person in campaign._people:
                assignments.append(
                    SurveyAssignment(
                        campaign=campaign,
                        person=person,
                        role=SurveyAssignment.Role.STAFF,
                        opens_on=campaign._opens,
                        due_on=campaign._opens + timedelta(days=campaign.days_to_answer),
                        token=f"scale-{ctx.seed}-{len(assignments)}-{rng.getrandbits(64):016x}",
                    )
                )
            continue
        for program in campaign._programs:
            opens = (
                program.start
                if campaign.point == Point.START
                else min(add_months(program.start, 1), program.end)
            )
            if campaign.audience == Audience.MENTOR:
                people = [(program.group.mentor.person_id, SurveyAssignment.Role.MENTOR)]
            else:
                people = [(m.person_id, SurveyAssignment.Role.MENTEE) for m in program._scale["mentees"]]
            for person_id, role in people:
                assignments.append(
                    SurveyAssignment(
                        campaign=campaign,
                        program=program,
                        person_id=person_id,
                        role=role,
                        opens_on=opens,
                        due_on=opens + timedelta(days=campaign.days_to_answer),
                        token=f"scale-{ctx.seed}-{len(assignments)}-{rng.getrandbits(64):016x}",
                    )
                )
    ctx.copy(through, campaign_programs)
    # Which assignments were answered: open ones only; ~60 % of the answers come from programs.
    target = ctx.n["responses"]
    open_program = [a for a in assignments if a.program is not None and a.opens_on <= today]
    open_staff = [a for a in assignments if a.program is None and a.opens_on <= today]
    from_programs = min(len(open_program), round(target * 0.6))
    from_staff = min(len(open_staff), target - from_programs)
    from_programs = min(len(open_program), target - from_staff)
    answered = rng.sample(open_program, from_programs) + rng.sample(open_staff, from_staff)
    responses = []
    for a in answered:
        latest = min(a.due_on, today)
        day = a.opens_on + timedelta(days=rng.randint(0, (latest - a.opens_on).days))
        a.answered_at = ctx.aware(day, hour=rng.randint(8, 21))
        # The response keeps no link to the person (see apps.monitoring.models).
        responses.append(
            Response(
                campaign=a.campaign,
                program=a.program,
                template=a.campaign.template,
                role=a.role,
                submitted_on=day,
            )
        )
    # Responses in a shuffled order, so their ids do not follow the assignments'.
    rng.shuffle(responses)
    ctx.copy(SurveyAssignment, assignments, "survey_assignments")
    ctx.copy(Response, responses, "responses")
    answers = []
    for response in responses:
        if len(answers) >= 50_000:  # in chunks: at --scale 10 there are three million
            ctx.copy(Answer, answers, "answers")
            answers = []
        for q in questions[response.template.code]:
            if q.is_scale:
                top = q.scale_max
                value = max(1, min(top, top - rng.choice([0, 0, 0, 1, 1, 2, 3]) * (top // 5)))
                answers.append(
                    Answer(response=response, question=q, value=value, score5=1 + (value - 1) * 4 / (top - 1))
                )
            elif q.kind == "single":
                answers.append(Answer(response=response, question=q, options=[rng.choice(q.choices)]))
            elif q.kind == "multiple":
                answers.append(
                    Answer(
                        response=response,
                        question=q,
                        options=rng.sample(q.choices, min(len(q.choices), rng.randint(1, 3))),
                    )
                )
            elif q.required or rng.random() < 0.3:
                answers.append(Answer(response=response, question=q, text=rng.choice(words.SURVEY_TEXTS)))
    ctx.copy(Answer, answers, "answers")
