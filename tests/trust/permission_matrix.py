"""The permission matrix: for every URL name of the portal, the answer each role of the cast gets.

Each row names the object the URL is about (``target``: an attribute of ``tests.trust.world.Objects``,
always the one in ``school``, where the cast works) and the expected GET answer per role, written as
``"200: director curator | 403: mentor | 404: *"`` (``*`` = every role not named; anonymous is
``302`` to the sign-in page unless named). Scopes are covered by the cast: ``director``/``curator``…
work in the object's own organisation, ``mentor``/``mentee`` are the people of its own record,
``other_*`` belong to another organisation of the same municipality, ``far_*`` to another
municipality. A new URL without a row fails ``test_every_url_name_has_a_row``: no view ships without a
decision. Answers: 200, 302 (to the sign-in page; ``302R`` = a redirect elsewhere), 403, 404, 405.

To add a row: ``Row("app:name", "target", "200: … | 403: … | 404: *")``. ``post=False`` marks a
URL whose POST an outsider may legitimately reach (public token pages); ``xfail`` gives the reason a
known wrong answer is kept failing (strict) until the app is fixed.
"""

from dataclasses import dataclass

ROLES = [
    "anonymous",
    "admin",
    "director",
    "curator",
    "council",
    "psychologist",
    "mentor",
    "mentee",
    "two_roles",
    "other_curator",
    "other_director",
    "other_teacher",
    "far_curator",
    "municipal",
    "far_municipal",
    "regional",
    "nobody",
    "other_mentee",
    "inactive_member",
    "past_mentor",
    "alien_curator",
    "alien_regional",
    "distance_mentor",
    "staff_user",
    "accountant",
]

# Roles added later answer like an older role of the same standing unless a row names them (the decision for
# each, from README «Roles» and «Security and data protection»):
LIKE = {
    # A mentee of another school: an outsider to every object of ``school``, like its teacher.
    "other_mentee": "other_teacher",
    # A former curator whose membership is no longer active holds no role at all.
    "inactive_member": "nobody",
    # A mentor of ``school`` whose only record is of the last year: a member without a record of today.
    "past_mentor": "two_roles",
    # Another region: outside every scope of ``school`` and of its region.
    "alien_curator": "far_curator",
    "alien_regional": "far_municipal",
    # The distance mentor (other_school) mentors another pair of ``school``, not the world's one.
    "distance_mentor": "other_teacher",
    # ``is_staff`` without the administrators' group and without roles gives nothing on the portal.
    "staff_user": "nobody",
}

# Roles that must never reach an object of ``school``: they work elsewhere or nowhere.
OUTSIDERS = [
    "other_curator",
    "other_director",
    "other_teacher",
    "far_curator",
    "far_municipal",
    "nobody",
    "other_mentee",
    "inactive_member",
    "alien_curator",
    "alien_regional",
    "distance_mentor",
    "staff_user",
]


# The school's accountant (issue 16) is refused everything about people: where a row does not name her,
# she gets what ``nobody`` gets when that is a page of one's own (200, a redirect), else a refusal, 403
# or 404 (the object found in her organisation and refused, or not found by a selector scoped to roles).
REFUSED = "403|404"


def answer_matches(got: str, expected: str) -> bool:
    return got in expected.split("|")


def parse(cells: str, *, anonymous: str = "302") -> dict[str, str]:
    """``"200: a b | 403: *"`` → role → expected answer; a role of ``LIKE`` not named answers like its model."""
    table: dict[str, str] = {}
    named: set[str] = set()
    default = None
    for part in cells.split("|"):
        code, _, roles = part.partition(":")
        code = code.strip()
        for role in roles.split():
            if role == "*":
                default = code
            else:
                assert role in ROLES, f"{cells}: unknown role {role}"
                table[role] = code
                named.add(role)
    for role in ROLES:
        if role not in table and role not in LIKE:
            table[role] = anonymous if role == "anonymous" else default
            assert table[role], f"{cells}: no answer for {role}"
    for role, model in LIKE.items():
        table.setdefault(role, table[model])
    if "accountant" not in named:
        table["accountant"] = REFUSED if table["nobody"] in ("403", "404") else table["nobody"]
    return table


@dataclass(frozen=True)
class Row:
    name: str
    target: str | None
    get: str
    post: bool = True
    xfail: str = ""
    # POST answers of a POST-only view (its GET row is «405: *»): ``"302R: curator | 403: … | 404: *"``.
    # Every POST is made on the world as built (rolled back afterwards); ``post_data`` names the form.
    post_as: str = ""
    post_target: str = ""
    post_data: tuple = ()
    post_xfail: str = ""

    def expected_post(self) -> dict[str, str]:
        return parse(self.post_as)

    def expected(self) -> dict[str, str]:
        """role → expected answer (as a string: "200", "302", "302R", "403", "404", "405")."""
        return parse(self.get)


# Decisions (reviewed 2026-11): outsiders (another organisation, another municipality, no role) get
# 404 for any object of ``school``; people of the school without the right role get 403; POST-only
# views answer 405 to GET. Coordinators (municipal, regional) see aggregates, not personal records: no
# program, order (not even the list: titles may name people) or list of a school's users; 403 in their scope.
MATRIX: list[Row] = [
    # The council of mentors: its members and the curator keep the minutes, the director reads them and
    # carries out the decisions that are hers; mentors, mentees, the psychologist and the coordinators of
    # the school's scope get 403 (a conflict of a pair is nobody else's business), other schools 404.
    Row(
        "council:meeting-list",
        None,
        "200: director curator council other_curator other_director far_curator | 403: *",
    ),
    Row("council:meeting-create", None, "200: curator council other_curator far_curator | 403: *"),
    Row(
        "council:meeting-detail",
        "meeting",
        "200: director curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:meeting-edit",
        "meeting",
        "200: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:attendance-edit",
        "meeting",
        "200: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:item-create",
        "meeting",
        "200: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:decision-edit",
        "meeting",
        "200: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:minutes-pdf",
        "held_meeting",
        "200: director curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:meeting-delete",
        "meeting",
        "405: *",
        post_as="302R: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:item-delete",
        "meeting",
        "405: *",
        post_as="302R: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:meeting-hold",
        "meeting",
        "405: *",
        post_as="302R: curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "council:decision-apply",
        "held_meeting",
        "405: *",
        post_as="302R: curator director | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The monthly basis of the mentors' allowance (issue 16): the director, the curator and the school's
    # accountant read it; the curator prepares, refreshes and corrects, the director approves, the accountant
    # (or the director) closes the month. The school's other people and the coordinators get 403 (a
    # colleague's pay is not theirs to see), other schools 404; every curator prepares for her own school.
    Row(
        "allowances:basis-list",
        None,
        "200: director curator accountant other_curator other_director far_curator | 403: *",
    ),
    Row("allowances:basis-prepare", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "allowances:basis-detail",
        "allowance_basis",
        "200: director curator accountant | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "allowances:basis-pdf",
        "allowance_basis",
        "200: director curator accountant | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "allowances:basis-xlsx",
        "allowance_basis",
        "200: director curator accountant | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "allowances:basis-onec",
        "approved_basis",
        "200: director curator accountant | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "allowances:basis-refresh",
        "allowance_basis",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The approval re-asks the password: a POST without it shows the form again (200).
    Row(
        "allowances:basis-approve",
        "allowance_basis",
        "200: director | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
        post_as="200: director | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "allowances:basis-close",
        "approved_basis",
        "405: *",
        post_as="302R: director accountant | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "allowances:basis-correct",
        "closed_basis",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
        post_as="200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("accounts:dashboard", None, "200: *"),
    Row("accounts:login", None, "200: anonymous | 302R: *"),
    Row("accounts:logout", None, "405: anonymous | 405: *"),
    Row("accounts:organization-switch", None, "405: *"),
    Row("accounts:password-change", None, "200: *"),
    Row("accounts:password-change-done", None, "200: *"),
    Row("accounts:password-reset", None, "200: anonymous | 200: *"),
    Row("accounts:password-reset-complete", None, "200: anonymous | 200: *"),
    Row("accounts:password-reset-confirm", None, "302R: anonymous | 302R: *"),
    Row("accounts:password-reset-done", None, "200: anonymous | 200: *"),
    Row("accounts:profile", None, "200: *"),
    # One-time sign-in codes: the school's curator and director issue one for a person of the school
    # (``account`` is the mentor's user); who may issue none at all is refused before the lookup (403).
    Row("accounts:code-login", None, "200: anonymous | 302R: *"),
    # Sign-in through the identity provider: the world runs without one (OIDC_ISSUER empty), so its pages
    # do not exist (tests/accounts/test_oidc.py runs them against a real provider). Linking and unlinking
    # are POST-only; unlinking works without a provider too and finds only the user's own identity.
    Row("accounts:oidc-login", None, "404: anonymous | 404: *"),
    Row("accounts:oidc-callback", None, "404: anonymous | 404: *"),
    # «Войти по паролю и связать»: only after this browser's sign-in at the provider matched no account.
    Row("accounts:oidc-link-password", None, "404: anonymous | 404: *", post=False),
    Row("accounts:oidc-invitation", None, "404: anonymous | 404: *", post=False),
    Row("accounts:oidc-link", None, "405: *", post_as="404: *"),
    Row("accounts:oidc-unlink", "account", "405: *", post_as="404: *"),
    Row("accounts:identity-invitation-issue", "account", "404: *"),
    Row("accounts:password-set", None, "302R: *"),
    Row(
        "accounts:sign-in-code-issue",
        "account",
        "200: director curator | 404: other_curator other_director far_curator | 403: *",
    ),
    Row("banks:carry-over", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "banks:mentee-accept",
        "mentee_entry",
        "405: *",
        post_target="candidate_mentee",
        post_as="302R: curator | 403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    Row("banks:mentee-create", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "banks:mentee-detail",
        "mentee_entry",
        "200: director curator council psychologist mentee | 403: admin mentor two_roles | 404: *",
    ),
    Row(
        "banks:mentee-edit",
        "mentee_entry",
        "200: curator | 403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    # The world's mentee is in a pair: leaving the bank is refused to everybody in scope (403).
    Row(
        "banks:mentee-leave",
        "mentee_entry",
        "405: *",
        post_as="404: other_curator other_director other_teacher far_curator municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "banks:mentee-list",
        None,
        "200: director curator council psychologist other_curator other_director far_curator | 403: *",
    ),
    Row(
        "banks:mentee-reject",
        "mentee_entry",
        "405: *",
        post_target="candidate_mentee",
        post_as="302R: curator | 403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "banks:mentor-approve",
        "mentor_entry",
        "405: *",
        post_target="candidate_mentor",
        post_as="302R: director | 403: admin curator council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        # The matrix's entry has no scan: 404 for the curator too (tests/banks/test_views.py serves one).
        "banks:mentor-consent-document",
        "mentor_entry",
        "403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    Row("banks:mentor-create", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "banks:mentor-detail",
        "mentor_entry",
        "200: director curator council psychologist mentor | 403: admin mentee two_roles | 404: *",
    ),
    Row(
        "banks:mentor-edit",
        "mentor_entry",
        "200: curator | 403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "banks:mentor-list",
        None,
        "200: director curator council psychologist other_curator other_director far_curator | 403: *",
    ),
    Row(
        "banks:mentor-reject",
        "mentor_entry",
        "405: *",
        post_target="candidate_mentor",
        post_as="302R: director curator | 403: admin council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "banks:mentor-release",
        "mentor_entry",
        "200: director curator | 403: admin council psychologist mentor mentee two_roles | 404: *",
    ),
    Row("banks:my", None, "200: *"),
    # Applications (заявления): the teacher's own, the curator's queue (the director reads it), the
    # curator alone decides; council and psychologist do not see them (not a bank page yet).
    Row("banks:my-petitions", None, "200: *"),
    Row(
        "banks:petition-new",
        None,
        "200: mentor mentee other_teacher past_mentor other_mentee | 403: *",
    ),
    Row(
        "banks:petition-list",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row("banks:petition-paper", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "banks:petition-detail",
        "petition",
        "200: director curator mentee | 403: admin council psychologist mentor two_roles | 404: *",
    ),
    Row(
        "banks:petition-pdf",
        "petition",
        "200: director curator mentee | 403: admin council psychologist mentor two_roles | 404: *",
    ),
    # The world's application came from the account: no scan (404) for those who may see it.
    Row(
        "banks:petition-scan",
        "petition",
        "403: admin council psychologist mentor two_roles | 404: *",
    ),
    Row(
        "banks:petition-accept",
        "petition",
        "405: *",
        post_as="302R: curator | 403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "banks:petition-decline",
        "petition",
        "405: *",
        post_as="302R: curator | 403: admin director council psychologist mentor mentee two_roles | 404: *",
    ),
    # The questionnaires of the current year: ``past_mentor`` (an entry of the last year only) may fill both
    # again; ``other_mentee`` already has this year's mentee entry, like ``mentee``.
    Row(
        "banks:questionnaire-mentee",
        None,
        "200: mentor other_teacher past_mentor | 302R: mentee other_mentee | 403: *",
    ),
    Row(
        "banks:questionnaire-mentor",
        None,
        "200: mentee other_mentee past_mentor | 302R: mentor other_teacher | 403: *",
    ),
    Row(
        "monitoring:annual-report",
        None,
        "200: director curator other_curator other_director far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:assessment",
        "program",
        "200: curator mentor mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:activity",
        "program",
        "200: curator mentor mentee | 403: admin director council psychologist two_roles municipal regional | 404: *",
    ),
    Row(
        "monitoring:adaptation",
        "program",
        "200: curator mentor psychologist | 403: admin director council mentee two_roles municipal regional | 404: *",
    ),
    Row(
        "monitoring:campaign-close",
        "campaign",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:campaign-create",
        None,
        "200: curator other_curator far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:campaign-detail",
        "campaign",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:campaign-list",
        None,
        "200: curator other_curator far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:campaign-print",
        "campaign",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:criteria",
        None,
        "200: curator other_curator far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:dashboard",
        None,
        "200: director curator other_curator other_director far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:indicators",
        None,
        "200: curator other_curator far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row("monitoring:overview", None, "200: admin municipal far_municipal regional | 403: *"),
    Row(
        "monitoring:program-card",
        "program",
        "200: director curator council mentor | 403: admin psychologist mentee two_roles municipal regional | 404: *",
    ),
    Row(
        "monitoring:protocol-create",
        "program",
        "200: director curator council | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:pupil-results",
        "program",
        "200: curator mentor | 403: admin director council psychologist mentee two_roles municipal regional | 404: *",
    ),
    Row(
        "monitoring:question-add",
        "template",
        "405: *",
        post_as="200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:question-delete",
        "template",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:reports",
        None,
        "200: director curator other_curator other_director far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:section-add",
        "template",
        "405: *",
        post_as="200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:statistical-form-page",
        None,
        "200: director curator other_curator other_director far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:recommendations",
        None,
        "200: director curator other_curator other_director far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:recommendation-edit",
        "recommendation",
        "405: *",
        post_as="302R: curator | 404: admin other_curator far_curator municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:recommendation-dismiss",
        "recommendation",
        "405: *",
        post_as="302R: curator | 404: admin other_curator far_curator municipal far_municipal regional nobody | 403: *",
    ),
    Row("monitoring:consolidated-form", None, "200: municipal far_municipal regional | 403: *"),
    Row("monitoring:consolidated-form-xlsx", None, "200: municipal far_municipal regional | 403: *"),
    Row(
        "monitoring:statistical-form",
        None,
        "200: director curator other_curator other_director far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row("monitoring:survey-fill", None, post=False, get="200: mentee | 404: *"),
    Row(
        "monitoring:template-builder",
        "template",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "monitoring:template-copy",
        "template",
        "405: *",
        post_as="302R: curator | 404: admin other_curator far_curator municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:template-create",
        None,
        "200: curator other_curator far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "monitoring:template-list",
        None,
        "200: curator other_curator far_curator | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    # Acquaintance signed on a paper sheet: the curator records it on a signed order; the sheets' scans
    # for the operator (none in the world: 404 after the order's check).
    Row(
        "orders:acquaintance-paper",
        "signed_order",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:acquaintance-sheet",
        "signed_order",
        "403: admin council psychologist mentor mentee two_roles municipal regional | 404: *",
    ),
    Row(
        "orders:order-acknowledge",
        "order",
        "405: *",
        post_target="signed_order",
        post_as="302R: mentor mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("orders:order-create", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "orders:order-delete",
        "order",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("orders:order-desk", None, "200: director other_director | 403: *"),
    Row(
        "orders:order-detail",
        "order",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:order-edit",
        "order",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:order-list",
        None,
        "403: council psychologist mentor mentee two_roles other_teacher municipal far_municipal regional nobody"
        " | 200: *",
    ),
    Row("orders:order-mine", None, "200: *"),
    Row(
        "orders:order-pdf",
        "order",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:order-return",
        "order",
        "405: *",
        post_target="awaiting_order",
        post_as="302R: director | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:order-send",
        "order",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:order-sign",
        "order",
        "404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "orders:participant-names",
        "order",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "organizations:organization-detail",
        "organization",
        "404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "organizations:organization-edit",
        "organization",
        "200: admin director | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("organizations:organization-list", None, "200: admin municipal far_municipal regional | 403: *"),
    Row(
        "organizations:organization-members",
        "organization",
        "200: admin director curator | 403: council psychologist mentor mentee two_roles municipal regional | 404: *",
    ),
    # The additional agreement to the labour contract (ТК РФ ст. 351.8) is between the employer and the
    # mentor: the mentee is not a party of it (LEGAL.md), so 403 for the mentee is the decision, not a gap.
    Row(
        "pairs:agreement-pdf",
        "group",
        "200: director curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("pairs:cohort", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "pairs:compatibility",
        "group",
        "405: *",
        post_as="302R: psychologist | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "pairs:consent-confirm",
        "group",
        "405: *",
        post_as="302R: mentor mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "pairs:consent-upload",
        "group",
        "405: *",
        post_as="200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # An empty POST of the curator: the form again with the error at the file field.
    Row(
        "pairs:consent-replace",
        "group",
        "405: *",
        post_as="200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The scans of duty consents: for those who see the pair (the world's mentor signed on paper); no
    # scan was replaced, so the past scan is a 404 after the pair's check.
    Row(
        "pairs:consent-scan",
        "group",
        "403: admin two_roles municipal regional | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "pairs:consent-past-scan",
        "group",
        "403: admin two_roles municipal regional | 404: *",
    ),
    Row("pairs:group-create", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "pairs:group-delete",
        "group",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The mentor's allowance: the director and the curator of the pair's school (an empty POST: the form again).
    Row(
        "pairs:allowance",
        "group",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
        post_as="200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The world's pair is active: its curator is sent back to the pair's page (only a draft is edited).
    Row(
        "pairs:group-edit",
        "group",
        "302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "pairs:group-detail",
        "group",
        "403: admin two_roles municipal regional | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "pairs:group-list",
        None,
        "200: director curator council psychologist other_curator other_director far_curator | 403: *",
    ),
    Row(
        "pairs:group-return",
        "group",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("pairs:order-create", None, "405: *", post_as="302R: curator other_curator far_curator | 403: *"),
    Row(
        "pairs:release",
        "group",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "pairs:replace",
        "group",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:activity-add",
        "program",
        "200: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # An entry of the log: only its author corrects or removes it, for 7 days; the curator (who may log in the
    # program) is refused with a message on the log page; the world's entry is the mentor's, written just now.
    Row(
        "programs:activity-edit",
        "program",
        "200: mentor | 302R: curator"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:activity-delete",
        "program",
        "405: *",
        post_as="302R: mentor curator"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:activity-list",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "programs:bank-detail",
        "program_template",
        "200: director curator council | 404: other_curator other_director far_curator | 403: *",
    ),
    Row(
        "programs:bank-public",
        "program_template",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director far_curator | 403: *",
    ),
    Row(
        "programs:bank-list",
        None,
        "200: director curator council other_curator other_director far_curator | 403: *",
    ),
    Row(
        "programs:change-consent",
        "program",
        "405: *",
        post_as="302R: mentor mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:change-propose",
        "program",
        "200: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:change-withdraw",
        "program",
        "405: *",
        post_as="302R: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:comment-add",
        "program",
        "405: *",
        post_as="302R: curator council mentor mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:event-add",
        "program",
        "200: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:event-cancel",
        "program",
        "200: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:event-done",
        "program",
        "200: curator mentor mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:event-edit",
        "program",
        "200: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:event-list",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "programs:file-download",
        "program",
        "200: director curator council mentor mentee | 404: *",  # admin, coordinators too: files hide existence
    ),
    Row("programs:ics-feed", None, "200: anonymous | 200: *", post=False),
    Row("programs:my-calendar", None, "200: *"),
    Row(
        "programs:plan-add",
        "program",
        "404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The world's program is approved: its plan is changed through a change by mutual consent only.
    Row(
        "programs:plan-delete",
        "program",
        "405: *",
        post_as="404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:plan-edit",
        "program",
        "404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-agree",
        "program",
        "405: *",
        post_target="submitted_program",
        post_as="302R: distance_mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-approve",
        "program",
        "405: *",
        post_target="submitted_program",
        post_as="302R: curator | 403: distance_mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-calendar",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "programs:program-create",
        "program",
        "200: curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-detail",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "programs:program-edit",
        "program",
        "404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-end",
        "program",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-list",
        None,
        "403: admin psychologist two_roles municipal far_municipal regional nobody | 200: *",
    ),
    Row(
        "programs:program-pdf",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "programs:program-publish",
        "program",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-return",
        "program",
        "405: *",
        post_target="submitted_program",
        post_as="302R: curator | 403: distance_mentor | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # The world's program is approved already: nobody submits it again (403 in scope).
    Row(
        "programs:program-submit",
        "program",
        "405: *",
        post_as="404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "programs:program-versions",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    Row(
        "programs:roadmap-xlsx",
        "program",
        "403: admin psychologist two_roles municipal regional"
        " | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 200: *",
    ),
    # A folder of paper consents at once: the operator of the organisation (director, curator), the
    # same who record one consent; the page lists only the active organisation's people.
    Row(
        "staff:consent-bulk",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "staff:consent-confirm",
        "person",
        "200: mentor | 403: admin director curator council psychologist mentee two_roles | 404: *",
    ),
    Row(
        "staff:consent-create",
        "person",
        "200: director curator | 403: admin council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "staff:consent-pdf",
        "person",
        "200: director curator mentor | 403: admin council psychologist mentee two_roles | 404: *",
    ),
    # The world's consent has no scan: 404 for those who may see scans, 403 before that for the others.
    Row("staff:consent-scan", "consent", "403: admin council psychologist mentee two_roles | 404: *"),
    Row(
        "staff:consent-withdraw",
        "consent",
        "200: director curator mentor | 403: admin council psychologist mentee two_roles | 404: *",
    ),
    Row(
        "staff:destruction-act-list",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row("staff:my-consent", None, "200: *"),
    Row(
        "staff:person-create", None, "200: director curator other_curator other_director far_curator | 403: *"
    ),
    Row(
        "staff:person-detail",
        "person",
        "200: director curator council psychologist mentor | 403: admin mentee two_roles | 404: *",
    ),
    # The answer to the subject's request (152-ФЗ art. 14): the operator (director, curator) and the person.
    Row(
        "staff:person-data-export",
        "person",
        "200: director curator mentor | 403: admin council psychologist mentee two_roles | 404: *",
    ),
    Row(
        "staff:person-edit",
        "person",
        "200: director curator | 403: admin council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "staff:person-invite",
        "person",
        "200: director curator | 403: admin council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "staff:person-list",
        None,
        "200: director curator council psychologist other_curator other_director far_curator | 403: *",
    ),
    Row(
        "staff_import:confirm",
        None,
        "405: *",
        post_as="302R: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "staff_import:preview",
        None,
        "302R: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "staff_import:progress",
        None,
        "204: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "staff_import:template",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "staff_import:upload", None, "200: director curator other_curator other_director far_curator | 403: *"
    ),
    Row(
        "audit:event-list",
        None,
        "200: director other_director | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    Row(
        "audit:access-list",
        None,
        "200: director other_director | 404: admin municipal far_municipal regional nobody | 403: *",
    ),
    # Locked sign-ins: the director of the active organisation, and the portal administrator (every account).
    Row(
        "audit:lockout-list",
        None,
        "200: admin director other_director | 404: municipal far_municipal regional nobody | 403: *",
    ),
    # No lock named in the POST: nothing to lift for those who may unlock (404); refused to the school's
    # other roles (403); no organisation of one's own, no journal: 404, as the list answers.
    Row(
        "audit:lockout-unlock",
        None,
        "405: *",
        post_as="403: curator council psychologist mentor mentee two_roles other_curator other_teacher far_curator | 404: *",
    ),
    # Written while this matrix was built: decided from the first version of the views.
    Row(
        "monitoring:survey-paper",
        "campaign",
        "200: curator | 403: admin director council psychologist mentor mentee two_roles municipal regional | 404: *",
    ),
    Row(
        "public:news-create", None, "200: director curator other_curator other_director far_curator | 403: *"
    ),
    Row("public:news-list", None, "200: director curator other_curator other_director far_curator | 403: *"),
    # The first address of the public page (by id): 301 to /public/<slug>/nastavnichestvo/ for everyone.
    Row("public:page-by-id", "organization", "301: anonymous | 301: *", post=False),
    Row(
        "territory:consent-list",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row("territory:overview", None, "200: admin municipal far_municipal regional | 403: *"),
    Row(
        "territory:regional-bank",
        None,
        "200: admin director curator council other_curator other_director far_curator municipal far_municipal regional"
        " | 403: *",
    ),
    Row(
        "territory:regional-mentors",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "territory:roadmap-current",
        None,
        "200: director curator council other_curator other_director far_curator | 403: *",
    ),
    Row("notifications:list", None, "200: *"),
    Row("notifications:mark-read", None, "405: *", post_as="302R: *"),
    Row("notifications:settings", None, "200: *"),
    # Messengers: the world runs without a bot token, so their pages do not exist (tests/messengers runs
    # them against a local Bot API). Each acts on the signed-in user's own chat only: no object in the URL.
    Row("notifications:messenger-link", None, "405: *", post_as="404: *"),
    Row("notifications:messenger-unlink", None, "405: *", post_as="404: *"),
    Row("notifications:messenger-status", None, "404: *"),
    Row(
        "territory:documents", None, "200: director curator other_curator other_director far_curator | 403: *"
    ),
    Row(
        "territory:regulation-pdf",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "territory:route-create",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "territory:route-list",
        None,
        "200: director curator council psychologist mentor mentee two_roles other_curator other_director other_teacher far_curator | 403: *",
    ),
    Row(
        "territory:roadmap-start",
        None,
        "405: *",
        post_as="302R: director curator other_curator other_director far_curator | 403: *",
    ),
    # Territory: the roadmap of an organisation (the school edits and approves it, the municipal coordinator
    # agrees or returns it), its drill-down page for coordinators, disclosure consents, individual routes.
    Row(
        "territory:organization",
        "organization",
        "200: admin municipal regional | 403: director curator council psychologist mentor mentee two_roles | 404: *",
    ),
    Row(
        "territory:roadmap-detail",
        "roadmap",
        "200: admin director curator council municipal regional | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:event-add",
        "roadmap",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:event-edit",
        "roadmap",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:event-delete",
        "roadmap",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:event-status",
        "roadmap",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:roadmap-approve",
        "roadmap",
        "405: *",
        post_as="302R: director | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:roadmap-agree",
        "roadmap",
        "405: *",
        post_as="302R: municipal | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:roadmap-return",
        "roadmap",
        "200: municipal | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:remark-answer",
        "roadmap",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:consent-withdraw",
        "disclosure",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # A letter of thanks names the mentor: the school's managers print it, nobody else.
    Row(
        "territory:thanks-pdf",
        "mentor_entry",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # An individual route (ИОМ) is the person's own: the school's managers and the person (``mentee``).
    Row(
        "territory:route-detail",
        "route",
        "200: director curator mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:route-note-add",
        "route",
        "405: *",
        post_as="302R: director curator mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:route-action-add",
        "route",
        "405: *",
        post_as="302R: director curator mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:route-product",
        "route",
        "405: *",
        post_as="302R: director curator mentee | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:route-finish",
        "route",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # Risks (issue 15): the curator keeps the school's register, the director reads it, nobody else of the
    # school; coordinators see the sums by school and risk only, never an entry.
    Row("risks:register", None, "200: director curator other_curator other_director far_curator | 403: *"),
    Row("risks:entry-create", None, "200: curator other_curator far_curator | 403: *"),
    Row(
        "risks:detected-add",
        None,
        "405: *",
        post_as="302R: curator other_curator far_curator | 403: *",
    ),
    Row(
        "risks:entry-detail",
        "risk_entry",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "risks:entry-edit",
        "risk_entry",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "risks:entry-start",
        "risk_entry",
        "405: *",
        post_as="302R: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "risks:entry-close",
        "risk_entry",
        "200: curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("risks:territory", None, "200: admin municipal far_municipal regional | 403: *"),
    # The tutor of a route (ЦНППМ, ГМК) names no role: the school's managers give a route its tutor account;
    # every account has its page of tutored routes, empty for the cast (tests/territory/test_route_tutor.py).
    Row(
        "territory:route-tutor",
        "route",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row("territory:route-tutored", None, "200: *"),
    # Cooperation agreements with partners (seed 002 §1.3): a school's managers keep the school's and read
    # the municipality's; the municipal coordinator keeps the municipality's and never sees a school's (its
    # people are the school's registry).
    Row(
        "partners:agreement-list",
        None,
        "200: director curator other_curator other_director far_curator municipal far_municipal"
        " | 403: alien_regional *",
    ),
    Row(
        "partners:agreement-create",
        None,
        "200: director curator other_curator other_director far_curator municipal far_municipal"
        " | 403: alien_regional *",
    ),
    Row("partners:agreement-detail", "agreement", "200: director curator | 404: *"),
    Row("partners:agreement-edit", "agreement", "200: director curator | 404: *"),
    Row("partners:agreement-scan", "agreement", "200: director curator | 404: *"),
    Row("partners:person-add", "agreement", "405: *", post_as="302R: director curator | 404: *"),
    Row("partners:person-remove", "agreement", "405: *", post_as="302R: director curator | 404: *"),
    # Public: the organisation's «Наставничество» page needs no sign-in (mentors only with a publication
    # consent); news are edited by the school's managers.
    Row("public:page", "organization", "200: anonymous | 200: *", post=False),
    # The approved Regulation as the school publishes it (seed 001 §8.1); the world's edition is a draft,
    # which is never public (tests/public/test_public_documents.py covers the approved one).
    Row("public:regulation-pdf", "organization", "404: anonymous | 404: *", post=False),
    # A bank program the curator put on the public page (the world's one is).
    Row("public:program", "program_template", "200: anonymous | 200: *", post=False),
    Row(
        "public:news-edit",
        "news",
        "200: director curator | 404: other_curator other_director far_curator | 403: *",
    ),
    Row(
        "public:news-delete",
        "news",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director far_curator | 403: *",
    ),
    # Documents (issue 9 item 6): the Regulation's editable text, awards, the portfolio.
    Row(
        "territory:regulation",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "territory:regulation-start",
        None,
        "405: *",
        post_as="302R: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "territory:regulation-section",
        "regulation",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody"
        " | 403: *",
    ),
    Row(
        "territory:regulation-protocol",
        "regulation",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:regulation-section-add",
        "regulation",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:regulation-section-remove",
        "regulation",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody"
        " | 403: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    Row(
        "territory:regulation-version",
        "regulation",
        "200: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody"
        " | 403: *",
    ),
    Row(
        "territory:regulation-order",
        "regulation",
        "405: *",
        post_as="302R: director curator | 404: other_curator other_director other_teacher far_curator far_municipal nobody | 403: *",
    ),
    # Training of mentors: the curator and the director of the active organisation; a record is the school's
    # (the person reads their own on the card, and its scan); the psychologist's support of unpaired mentees.
    Row(
        "training:record-list",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "training:record-create",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "training:import-upload",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "training:import-template",
        None,
        "200: director curator other_curator other_director far_curator | 403: *",
    ),
    Row(
        "training:import-confirm",
        None,
        "405: *",
        post_as="302R: director curator other_curator other_director far_curator | 403: *",
    ),
    Row("training:record-edit", "training_record", "200: director curator | 403: mentor | 404: *"),
    Row("training:record-delete", "training_record", "200: director curator | 403: mentor | 404: *"),
    Row("training:record-scan", "training_record", "200: director curator mentor | 404: *"),
    Row(
        "training:support-list",
        None,
        "200: director curator psychologist other_curator other_director far_curator | 403: *",
    ),
    # The world's mentee has a pair: no unpaired mentee to record (the form is tested in tests/training).
    Row("training:support-create", "person", "404: psychologist | 403: *"),
    Row(
        "training:support-delete",
        "support_record",
        "405: *",
        post_as="302R: psychologist | 404: *",
    ),
    # The municipality's documents (issue 15): the municipal coordinator of the municipality edits, the
    # regional operator of its region reads, the schools read the approved Regulation only.
    Row("territory:municipal-list", None, "200: admin regional | 302R: municipal far_municipal | 403: *"),
    Row(
        "territory:municipal-detail",
        "municipality",
        "200: admin municipal regional | 404: *",
    ),
    Row(
        "territory:municipal-regulation-start",
        "municipality",
        "405: *",
        post_as="302R: municipal | 403: admin regional | 404: *",
    ),
    # The municipality's Regulation in force is a normative document without personal data (its incentives
    # are the accountant's business too): every member of a school of the municipality reads it.
    Row(
        "territory:municipal-regulation-in-force-pdf",
        "municipality",
        "200: admin municipal regional director curator council psychologist mentor mentee two_roles"
        " other_curator other_director other_teacher other_mentee past_mentor distance_mentor accountant | 404: *",
    ),
    Row(
        "territory:municipal-certificate-pdf",
        "municipality",
        "200: admin municipal regional | 404: *",
    ),
    Row(
        "territory:municipal-regulation-section",
        "municipal_regulation",
        "200: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-regulation-version",
        "municipal_regulation",
        "200: admin municipal regional | 404: *",
    ),
    Row(
        "territory:municipal-regulation-pdf",
        "municipal_regulation",
        "200: admin municipal regional | 404: *",
    ),
    Row(
        "territory:municipal-order-create",
        "municipal_regulation",
        "405: *",
        post_as="302R: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-order-pdf",
        "municipal_order",
        "200: admin municipal regional | 404: *",
    ),
    Row(
        "territory:municipal-order-register",
        "municipal_order",
        "200: municipal | 403: admin regional | 404: *",
    ),
    # The municipality's own roadmap: the coordinator drafts, edits and approves it, the regional operator
    # of the region agrees or returns it; the administrator reads it.
    Row("territory:municipal-roadmap", "municipality", "200: admin municipal regional | 404: *"),
    Row(
        "territory:municipal-roadmap-start",
        "municipality",
        "405: *",
        post_as="302R: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-event-add",
        "municipal_roadmap",
        "200: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-event-edit",
        "municipal_roadmap",
        "200: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-event-delete",
        "municipal_roadmap",
        "405: *",
        post_as="302R: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-event-status",
        "municipal_roadmap",
        "405: *",
        post_as="302R: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-approve",
        "municipal_roadmap",
        "405: *",
        post_as="302R: municipal | 403: admin regional | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-agree",
        "municipal_roadmap",
        "405: *",
        post_as="302R: regional | 403: admin municipal | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-return",
        "municipal_roadmap",
        "200: regional | 403: admin municipal | 404: *",
    ),
    Row(
        "territory:municipal-roadmap-remark-answer",
        "municipal_roadmap",
        "200: municipal | 403: admin regional | 404: *",
    ),
    # Each regional operator chooses for her own region (``alien_regional`` too).
    Row("territory:stage-template", None, "200: regional alien_regional | 403: *"),
    Row("territory:award-create", None, "200: director other_director | 403: *"),
    Row(
        "territory:award-pdf",
        "award",
        "200: director curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal"
        " nobody | 403: *",
    ),
    Row(
        "territory:portfolio-pdf",
        "person",
        "200: director curator mentor | 404: other_curator other_director other_teacher far_curator far_municipal"
        " nobody | 403: *",
    ),
]


# URL names whose views are being written right now: their owners add the rows (a probe prints a
# suggestion: ``TRUST_MATRIX_PROBE=1 pytest tests/trust -k probe -s``). Any other URL without a
# row fails the suite.
PENDING: set[str] = set()


# Values of URL arguments that are not object ids.
def kwargs_for(name: str, arg_names: list[str], objects, world, target: str | None) -> dict:
    kw = {}
    for arg in arg_names:
        if arg == "pk":
            kw["pk"] = getattr(objects, target).pk
        elif arg == "group_pk":
            kw["group_pk"] = objects.group.pk
        elif arg == "person_id":
            kw["person_id"] = objects.person.pk
        elif arg in ("scan_id", "sheet_pk"):
            kw[arg] = 1
        elif arg == "participant_pk":
            kw["participant_pk"] = objects.participant.pk
        elif arg == "plan":
            kw["plan"] = "deficit"
        elif arg == "item_id":
            kw["item_id"] = objects.plan_item.pk
        elif arg == "activity_id":
            kw["activity_id"] = objects.activity.pk
        elif arg == "event_id":
            kw["event_id"] = objects.event.pk
        elif arg == "change_id":
            kw["change_id"] = objects.change.pk
        elif arg == "file_id":
            kw["file_id"] = objects.file.pk
        elif arg == "assignment_pk":
            kw["assignment_pk"] = objects.assignment.pk
        elif arg == "question_pk":
            kw["question_pk"] = objects.question.pk
        elif arg == "event_pk" and name.startswith("territory:municipal-roadmap"):
            kw["event_pk"] = objects.municipal_roadmap_event.pk
        elif arg == "event_pk":
            kw["event_pk"] = objects.roadmap_event.pk
        elif arg == "remark_pk" and name.startswith("territory:municipal-roadmap"):
            kw["remark_pk"] = objects.municipal_remark.pk
        elif arg == "remark_pk":
            kw["remark_pk"] = objects.remark.pk
        elif arg == "action_pk":
            kw["action_pk"] = objects.route_action.pk
        elif arg == "item_pk":
            kw["item_pk"] = getattr(objects, target).items.order_by("pk").first().pk
        elif arg == "slug":
            # A page under the organisation's public address: the object's own slug, else its school's.
            kw["slug"] = getattr(getattr(objects, target), "slug", None) or objects.organization.slug
        elif arg == "number":
            kw["number"] = 1
        elif arg == "kind":
            kw["kind"] = "contours"
        elif arg == "messenger":
            kw["messenger"] = "telegram"
        elif arg == "fmt":
            kw["fmt"] = "xlsx"
        elif arg == "token" and name == "programs:ics-feed":
            kw["token"] = world.ics_token
        elif arg == "token" and name == "accounts:oidc-invitation":
            kw["token"] = "no-such-invitation"
        elif arg == "token" and name == "monitoring:survey-fill":
            kw["token"] = objects.survey_token
        elif arg in ("uidb64", "token"):
            kw[arg] = world.reset[arg]
        else:
            raise KeyError(f"{name}: no value for URL argument {arg}")
    return kw


def _target(name: str) -> str | None:
    app, _, view = name.partition(":")
    if app == "organizations":
        return "organization"
    if app == "staff":
        return "consent" if view in ("consent-scan", "consent-withdraw") else "person"
    if app == "orders":
        return "order"
    if app == "pairs":
        return "group"
    if app == "programs":
        return "program_template" if view == "bank-detail" else "program"
    if app == "monitoring":
        if view.startswith(("template-", "question-", "section-")):
            return "template"
        if view.startswith("campaign-"):
            return "campaign"
        return "program"
    if app == "banks":
        return "mentee_entry" if view.startswith("mentee-") else "mentor_entry"
    if app == "territory":
        if view == "organization":
            return "organization"
        if view == "consent-withdraw":
            return "disclosure"
        if view == "thanks-pdf":
            return "mentor_entry"
        if view.startswith("route"):
            return "route"
        return "roadmap"
    if app == "public":
        return "organization" if view == "page" else "news"
    if app == "council":
        return "held_meeting" if view in ("minutes-pdf", "decision-apply") else "meeting"
    if app == "training":
        return "support_record" if view.startswith("support-delete") else "training_record"
    if app == "partners":
        return "agreement"
    if app == "allowances":
        return {
            "basis-close": "approved_basis",
            "basis-correct": "closed_basis",
            "basis-onec": "approved_basis",
        }.get(view, "allowance_basis")
    return None
