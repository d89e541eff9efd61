"""The scale step of organizations: the academic year, the region, its municipalities and organisations.

Sets ``ctx.year``, ``ctx.region``, ``ctx.municipalities``, ``ctx.orgs`` (the largest first) and
``ctx.org_weights`` (their sizes, for the people of later steps)."""

from collections import defaultdict

from apps.core import scale_data as words
from apps.core.scale import SCALE_REGION_NAME, ScaleContext, allocate

from .models import AcademicYear, Municipality, Organization, Region
from .services import academic_year_ensure


def scale_region_exists() -> bool:
    return Region.objects.filter(name=SCALE_REGION_NAME).exists()


def build_organizations(ctx: ScaleContext) -> None:
    rng, n = ctx.rng, ctx.n
    current = AcademicYear.objects.current()
    ctx.year = current or academic_year_ensure(
        start_year=AcademicYear.start_year_for(ctx.today), make_current=True
    )
    ctx.region = Region.objects.create(name=SCALE_REGION_NAME)
    ctx.municipalities = ctx.copy(
        Municipality,
        (
            Municipality(
                region=ctx.region,
                name=name,
                authority_name=f"Управление образования администрации: {name}",
            )
            for name, _ in words.MUNICIPALITIES[: n["municipalities"]]
        ),
        "municipalities",
    )
    localities = [loc for _, loc in words.MUNICIPALITIES]
    # Sizes: a long tail of small schools and a few large ones; organisation 0 is the largest.
    weights = sorted((rng.lognormvariate(0, 0.55) for _ in range(n["organizations"])), reverse=True)
    ctx.org_weights = weights
    per_municipality = allocate(n["organizations"], [1.0] * n["municipalities"], [1] * n["municipalities"])
    has_slug = any(f.name == "slug" for f in Organization._meta.concrete_fields)
    numbers: dict[tuple[int, str], int] = defaultdict(int)
    orgs = []
    index = 0
    for m, count in enumerate(per_municipality):
        for _ in range(count):
            kind, short, full = words.ORGANIZATION_PATTERNS[
                0 if index == 0 else rng.choices(range(8), weights=[30, 20, 8, 6, 8, 14, 8, 6])[0]
            ]
            numbers[(m, short)] += 1 + rng.randrange(3)
            number = numbers[(m, short)]
            street = rng.choice(words.STREETS)
            orgs.append(
                Organization(
                    municipality=ctx.municipalities[m],
                    short_name=short.format(n=number),
                    full_name=full.format(n=number),
                    kind=kind,
                    inn=f"86{rng.randrange(10**9, 10**10)}",
                    address=f"628{rng.randrange(100, 999)}, {words.MUNICIPALITIES[m][0]}, {street}, "
                    f"д. {rng.randrange(1, 120)}",
                    locality=localities[m],
                    phone="+7 (3462) {}-{}-{}".format(*(rng.randrange(10, 99) for _ in range(3))),
                    email=f"org{index + 1:03d}@scale.example.ru",
                    **({"slug": f"scale-{index + 1:03d}"} if has_slug else {}),
                    director_position="Заведующий" if kind == "preschool" else "Директор",
                )
            )
            index += 1
    # The largest weights go to the first organisations of the first municipality.
    ctx.orgs = ctx.copy(Organization, orgs, "organizations")
