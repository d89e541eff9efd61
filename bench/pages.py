"""The main pages of each role, who opens them, and the admin change list each list is compared with.

Shared by the benchmark (bench/run.py) and the load run (bench/load.py). The people are the
``seed_scale`` logins (``scale_curator`` …) when they exist, else those of ``seed_demo``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

ADMIN_PAGE_SIZE = 25
ROLES = ("curator", "director", "mentor", "mentee", "municipal", "regional", "admin")


@dataclass
class Cast:
    """The users and objects the pages are opened with."""

    prefix: str
    users: dict
    organization: object
    year: object
    program: object
    order: object
    municipality_id: int
    region_id: int


def find_cast() -> Cast:
    from apps.accounts.models import Membership, Role, User
    from apps.orders.models import Order
    from apps.organizations.models import AcademicYear
    from apps.programs.models import Program

    prefix = "scale_" if User.objects.filter(username="scale_curator").exists() else ""
    users = {role: User.objects.get(username=prefix + role) for role in ROLES}
    curator_membership = (
        Membership.objects.filter(user=users["curator"], role=Role.CURATOR, is_active=True)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    organization = curator_membership.organization
    year = AcademicYear.objects.current() or AcademicYear.objects.order_by("-start_year").first()
    program = (
        Program.objects.filter(group__mentor__person__user=users["mentor"]).order_by("-start", "-pk").first()
        or Program.objects.filter(organization=organization).order_by("-pk").first()
    )
    order = (
        Order.objects.filter(organization=organization)
        .annotate(n=Count("participants"))
        .order_by("-n", "-pk")
        .first()
    )
    municipal = Membership.objects.filter(user=users["municipal"], role=Role.MUNICIPAL).first()
    regional = Membership.objects.filter(user=users["regional"], role=Role.REGIONAL).first()
    return Cast(
        prefix=prefix,
        users=users,
        organization=organization,
        year=year,
        program=program,
        order=order,
        municipality_id=municipal.municipality_id,
        region_id=regional.region_id,
    )


@dataclass
class Page:
    name: str
    role: str
    url: Callable[[Cast], str]
    admin: Callable[[Cast], str] | None = None
    # A download whose content is every row it lists (a filtered .xlsx): it grows with them by nature, and
    # bench.scales reports it apart from the pages held to 1.5×.
    by_rows: bool = False


def _admin(model: str, **query) -> Callable[[Cast], str]:
    """The bench admin's change list of ``app.model``, filtered like our page (values read from the cast)."""

    def url(cast: Cast) -> str:
        app_label, model_name = model.lower().split(".")
        values = {key: (getter(cast) if callable(getter) else getter) for key, getter in query.items()}
        base = reverse(f"bench_admin:{app_label}_{model_name}_changelist")
        return f"{base}?{urlencode(values)}" if values else base

    return url


def _url(name: str, *args_of) -> Callable[[Cast], str]:
    return lambda cast: reverse(name, args=[get(cast) for get in args_of])


def _xlsx(query: str = "") -> str:
    return reverse("territory:overview") + "?export=xlsx" + query


def org(cast):
    return cast.organization.pk


def year(cast):
    return cast.year.pk


PAGES = [
    *[Page(f"dashboard ({role})", role, _url("accounts:dashboard")) for role in ROLES[:6]],
    Page(
        "staff registry",
        "curator",
        _url("staff:person-list"),
        _admin("staff.Person", organization__id__exact=org),
    ),
    Page(
        "mentor bank",
        "curator",
        _url("banks:mentor-list"),
        _admin("banks.MentorEntry", organization__id__exact=org, year__id__exact=year),
    ),
    Page(
        "mentee bank",
        "curator",
        _url("banks:mentee-list"),
        _admin("banks.MenteeEntry", organization__id__exact=org, year__id__exact=year),
    ),
    Page(
        "pairs list",
        "curator",
        _url("pairs:group-list"),
        _admin("pairs.MentoringGroup", organization__id__exact=org, year__id__exact=year),
    ),
    Page(
        "orders list",
        "curator",
        _url("orders:order-list"),
        _admin("orders.Order", organization__id__exact=org),
    ),
    Page(
        "director's desk",
        "director",
        _url("orders:order-desk"),
        _admin("orders.Order", organization__id__exact=org, status__exact="awaiting_signature"),
    ),
    Page(
        "programs list",
        "curator",
        _url("programs:program-list"),
        _admin("programs.Program", organization__id__exact=org),
    ),
    Page("program page", "mentor", _url("programs:program-detail", lambda c: c.program.pk)),
    Page("program roadmap", "mentor", _url("programs:event-list", lambda c: c.program.pk)),
    Page("calendar (mentor)", "mentor", _url("programs:my-calendar")),
    Page("calendar (mentee)", "mentee", _url("programs:my-calendar")),
    Page("monitoring dashboard", "curator", _url("monitoring:dashboard")),
    Page("monitoring overview (municipal)", "municipal", _url("monitoring:overview")),
    Page("monitoring overview (regional)", "regional", _url("monitoring:overview")),
    Page(
        "territory (municipal)",
        "municipal",
        _url("territory:overview"),
        _admin("organizations.Organization", municipality__id__exact=lambda c: c.municipality_id),
    ),
    Page(
        "territory (regional)",
        "regional",
        _url("territory:overview"),
        _admin("organizations.Organization", municipality__region__id__exact=lambda c: c.region_id),
    ),
    Page(
        "regional mentor search",
        "curator",
        _url("territory:regional-mentors"),
        _admin("banks.MentorEntry", year__id__exact=year),
    ),
    Page("regional program bank", "curator", _url("territory:regional-bank")),
    Page("notifications", "curator", _url("notifications:list")),
]

# The quick run: one page of each kind.
QUICK = {
    "dashboard (curator)",
    "staff registry",
    "mentor bank",
    "pairs list",
    "director's desk",
    "program page",
    "monitoring dashboard",
    "territory (regional)",
}

# Pages over a whole municipality or region that the main set leaves out, for the comparison of two scales
# (bench/scales.py, issue 18): what grows with the territory shows there first.
SCOPE_PAGES = [
    Page("orders list (administrator)", "admin", _url("orders:order-list")),
    Page("municipalities (regional)", "regional", _url("territory:municipal-list")),
    Page("consolidated form (regional)", "regional", _url("monitoring:consolidated-form")),
    Page("consolidated form (municipal)", "municipal", _url("monitoring:consolidated-form")),
    Page("territory page 2 (regional)", "regional", lambda cast: reverse("territory:overview") + "?page=2"),
    Page(
        "monitoring overview page 2 (regional)",
        "regional",
        lambda c: reverse("monitoring:overview") + "?page=2",
    ),
    # The territory's .xlsx: the whole region's and municipality's are the kept workbooks (built by the
    # refresh); a filtered one is built by the request and lists every organisation it keeps.
    Page("territory .xlsx (regional)", "regional", lambda c: _xlsx()),
    Page("territory .xlsx (municipal)", "municipal", lambda c: _xlsx()),
    Page(
        "territory .xlsx, filtered (regional)",
        "regional",
        lambda c: _xlsx("&kind=school"),
        by_rows=True,
    ),
]
