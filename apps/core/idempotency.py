"""One-shot forms: a form that creates something creates it once, however many times it is sent.

A creating form carries a token (``{% form_token %}``, rendered anew each time the form is shown).
The view is wrapped in ``@one_shot``: inside the view's transaction its first statement claims the
token — an ``INSERT … ON CONFLICT DO NOTHING`` into ``FormSubmission``, whose primary key is the token
— and the redirect the view answers with is written beside it. A second submission of the same form
(a double tap, the browser's «отправить ещё раз», a retry after a lost answer) finds the token taken,
runs nothing and is sent where the first one led, with «Эта форма уже отправлена…».

Two submissions at the same moment cannot both pass: PostgreSQL makes the second ``INSERT`` wait on
the unique index until the first transaction ends. If the first one committed, the second sees the
claim and its result; if it rolled back (an error, a refused permission), the token is free again and
the second one is an ordinary first submission.

Decisions:

- A POST without a token is accepted, as a submission of its own (API clients, tests that post data
  directly, a page cached from before the tokens). Only a repeated token is refused.
- A token is signed with the time it was issued and is good for ``TOKEN_MAX_AGE`` (a session ends
  after 30 minutes without a request anyway); an older or forged one is refused with a message and
  nothing runs. Claims are kept twice as long and each claim deletes a few expired ones in the same
  statement, so the table cleans itself without a cron job and without an extra query.
- A submission that did not go through — the form came back with errors (a 200 that is not an htmx
  swap) or a 4xx/409 page — gives its token back (``DELETE``), so fixing the form and sending it again
  works even with the same token. An htmx answer (2xx) is a result: the swapped partial renders the
  form with a new token.
- Cost: one ``INSERT`` before the view, one ``UPDATE`` recording where it led (or the ``DELETE``).
"""

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.core import signing
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .models import FormSubmission

TOKEN_FIELD = "form_token"
TOKEN_MAX_AGE = timedelta(days=1)
CLAIM_KEPT = 2 * TOKEN_MAX_AGE  # longer than a token lives: a claim is never gone while its token is good
CLEANUP_BATCH = 20
_SALT = "apps.core.idempotency.form-token"

REPEATED_MESSAGE = "Эта форма уже отправлена, повторная запись не создана."
EXPIRED_MESSAGE = (
    "Форма была открыта слишком давно и устарела: откройте её заново и отправьте ещё раз. "
    "Ничего не сохранено."
)

# ``view.__qualname__`` of every view wrapped in ``one_shot``: the test walks the URLs against it.
ONE_SHOT_VIEWS: set[str] = set()


def new_token() -> str:
    """A fresh token for one rendering of a form: random, signed with the time it was issued."""
    return signing.TimestampSigner(salt=_SALT).sign(secrets.token_urlsafe(16))


def token_key(token: str) -> str | None:
    """The random part of a good token (the key of its claim); ``None`` if forged or expired."""
    try:
        return signing.TimestampSigner(salt=_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None


_CLAIM_SQL = f"""
WITH expired AS (
    DELETE FROM {FormSubmission._meta.db_table}
    WHERE token IN (
        SELECT token FROM {FormSubmission._meta.db_table}
        WHERE created_at < %s ORDER BY created_at LIMIT {CLEANUP_BATCH} FOR UPDATE SKIP LOCKED
    )
)
INSERT INTO {FormSubmission._meta.db_table} (token, user_id, path, result_url, created_at)
VALUES (%s, %s, %s, '', %s)
ON CONFLICT (token) DO NOTHING
RETURNING token
"""


def claim(*, key: str, user_id: int | None, path: str) -> bool:
    """Take the token for this submission; ``False`` if another submission has taken it.

    Waits, if another transaction holds the same token uncommitted, until that one ends. Expired
    claims are deleted by the same statement (a few at a time, skipping rows others hold)."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL, [now - CLAIM_KEPT, key, user_id, path[:500], now])
        return cursor.fetchone() is not None


def _back(request: HttpRequest) -> str:
    """Where to send a refused submission that has no recorded result: the page the form was on."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def _repeated(request: HttpRequest, key: str) -> HttpResponse:
    """The answer to a second submission: where the first one led, creating nothing."""
    first = FormSubmission.objects.filter(token=key).only("user_id", "result_url").first()
    if getattr(request, "htmx", False):
        # The first answer was swapped into the page already (with a fresh token): leave the page be.
        return HttpResponse(status=204)
    messages.info(request, REPEATED_MESSAGE)
    if first is not None and first.result_url and first.user_id == _user_id(request):
        return redirect(first.result_url)
    return redirect(_back(request))


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _succeeded(request: HttpRequest, response: HttpResponse) -> bool:
    """Did the submission go through? A redirect (post/redirect/get) or an htmx swap did; a page
    with the form again (errors) or a 4xx/409 did not."""
    if 300 <= response.status_code < 400:
        return True
    return bool(getattr(request, "htmx", False)) and 200 <= response.status_code < 300


def one_shot(view: Callable) -> Callable:
    """Make a creating view idempotent for the form it was opened as (see the module's docstring).

    Put it closest to the view (under ``login_required`` and ``require_POST``), so that a sign-in
    redirect never spends a token. The view runs in one transaction with the claim."""
    ONE_SHOT_VIEWS.add(f"{view.__module__}.{view.__qualname__}")

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        token = request.POST.get(TOKEN_FIELD, "")
        if not token:
            return view(request, *args, **kwargs)  # no token: a submission of its own (see above)
        key = token_key(token)
        if key is None:
            if getattr(request, "htmx", False):
                return HttpResponse(EXPIRED_MESSAGE, status=400, content_type="text/plain; charset=utf-8")
            messages.error(request, EXPIRED_MESSAGE)
            return redirect(_back(request))
        with transaction.atomic():
            if not claim(key=key, user_id=_user_id(request), path=request.path):
                return _repeated(request, key)
            response = view(request, *args, **kwargs)
            if not _succeeded(request, response):
                FormSubmission.objects.filter(token=key).delete()
            elif isinstance(response, HttpResponseRedirect) or response.has_header("Location"):
                FormSubmission.objects.filter(token=key).update(result_url=response["Location"][:500])
            return response

    wrapper.one_shot = True
    return wrapper
