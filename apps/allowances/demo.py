"""Demo of the allowance basis of МБОУ СОШ № 7: the curator's draft of the current month (the demo pairs
start on the day the demo is seeded, so the month of today is the one with lines), waiting for the
director's approval; the accountant sees it on her dashboard."""

from django.db import transaction
from django.utils import timezone

from . import services
from .models import AllowanceBasis


@transaction.atomic
def seed(ctx) -> None:
    school = ctx["school"]
    curator = ctx.objects.get("user_curator")
    if curator is None or AllowanceBasis.objects.filter(organization=school).exists():
        return
    today = timezone.localdate()
    services.basis_prepare(organization=school, year=today.year, month=today.month, user=curator)
