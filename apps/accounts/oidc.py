"""The portal as an OpenID Connect client of the region's identity provider, through Authlib.

Authlib does the protocol: the endpoints from the issuer's discovery document, ``state`` and ``nonce``
kept in the session, PKCE (S256), the code exchange with the client's secret, the ID token's signature
checked against the provider's published keys (JWKS) and its ``iss``, ``aud``, ``exp``, ``nonce``. This
module adds what the portal decides: the settings (``OIDC_*``), the issuer of the discovery document must
be the configured one, the document is re-read after ``OIDC_METADATA_TTL``, and the person is known by
``(issuer, sub)`` only; the СНИЛС, when the provider gives one, leaves this module as a keyed hash.
"""

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.urls import reverse
from joserfc.errors import JoseError

log = logging.getLogger(__name__)

_clients: dict[tuple, object] = {}


class ProviderError(Exception):
    """The provider did not confirm the sign-in: a refusal at the provider, a wrong or replayed answer, a
    bad signature, or the provider out of reach. The message is for the log, never for the page."""


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str
    snils_hash: str  # "" when the provider gave no СНИЛС
    id_token: str  # "" when the token carries the СНИЛС: it is not kept in the session then


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


def snils_hash(value: str) -> str:
    """The keyed hash (HMAC-SHA256) of a СНИЛС, whatever its spelling (``123-456-789 01``, ``12345678901``):
    the only form in which the portal keeps one. "" for anything that is not eleven digits."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) != 11:
        return ""
    key = (
        settings.SNILS_HASH_KEY.encode()
        or hashlib.sha256(b"mentoring-portal.snils-hash:" + settings.SECRET_KEY.encode()).digest()
    )
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()


def client():
    """The Authlib client for the configured provider, one per process and configuration."""
    key = (settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET, settings.OIDC_SCOPES)
    app = _clients.get(key)
    if app is None:
        oauth = OAuth()
        app = oauth.register(
            name="region",
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET,
            server_metadata_url=f"{settings.OIDC_ISSUER}/.well-known/openid-configuration",
            client_kwargs={
                "scope": settings.OIDC_SCOPES,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic",
                "default_timeout": settings.OIDC_TIMEOUT,
            },
        )
        _clients[key] = app
    loaded_at = app.server_metadata.get("_loaded_at")
    if loaded_at is not None and time.time() - loaded_at > settings.OIDC_METADATA_TTL:
        app.server_metadata.clear()  # keys rotate: the document and the JWKS are read again
    return app


def metadata() -> dict:
    """The discovery document, checked: its issuer must be the configured one (a document served for
    another issuer would make the portal accept that issuer's tokens)."""
    app = client()
    try:
        document = app.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise ProviderError(f"discovery document unavailable: {error}") from error
    if str(document.get("issuer", "")).rstrip("/") != settings.OIDC_ISSUER:
        app.server_metadata.clear()
        raise ProviderError(f"discovery document names issuer {document.get('issuer')!r}")
    return document


def redirect_uri(request) -> str:
    if settings.OIDC_REDIRECT_URI:
        return settings.OIDC_REDIRECT_URI
    path = reverse("accounts:oidc-callback")
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL + path
    return request.build_absolute_uri(path)


def authorization_redirect(request):
    """The redirect to the provider's sign-in page; state, nonce and the PKCE verifier stay in the session."""
    metadata()
    try:
        return client().authorize_redirect(request, redirect_uri(request))
    except (requests.RequestException, RuntimeError) as error:
        raise ProviderError(str(error)) from error


def identity_from_callback(request) -> Identity:
    """The person the provider vouches for, from the callback: the code exchanged, the ID token checked."""
    document = metadata()
    app = client()
    try:
        token = app.authorize_access_token(
            request, claims_options={"iss": {"essential": True, "values": [document["issuer"]]}}
        )
    except (OAuthError, JoseError, requests.RequestException, ValueError, KeyError) as error:
        raise ProviderError(f"{type(error).__name__}: {error}") from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise ProviderError("no ID token in the provider's answer")
    snils_claim = settings.OIDC_SNILS_CLAIM
    raw_snils = claims.get(snils_claim) if snils_claim else None
    email = claims.get(settings.OIDC_EMAIL_CLAIM) or ""
    if snils_claim and raw_snils is None and document.get("userinfo_endpoint"):
        try:
            extra = app.userinfo(token=token)
        except (OAuthError, requests.RequestException, ValueError) as error:
            raise ProviderError(f"userinfo: {error}") from error
        # The userinfo answer is about the same person only if its ``sub`` is the token's (OIDC Core 5.3.2).
        if extra.get("sub") == claims["sub"]:
            raw_snils = extra.get(snils_claim)
            email = email or extra.get(settings.OIDC_EMAIL_CLAIM) or ""
    return Identity(
        issuer=settings.OIDC_ISSUER,
        subject=str(claims["sub"]),
        email=str(email),
        snils_hash=snils_hash(raw_snils) if raw_snils else "",
        id_token="" if snils_claim and snils_claim in claims else token.get("id_token", ""),
    )


def end_session_url(*, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's sign-out address (RP-initiated logout), or None when it has none."""
    try:
        endpoint = metadata().get("end_session_endpoint")
    except ProviderError as error:
        log.warning("OIDC sign-out at the provider skipped: %s", error)
        return None
    if not endpoint:
        return None
    params = {"post_logout_redirect_uri": post_logout_redirect_uri, "client_id": settings.OIDC_CLIENT_ID}
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


def attempt_key(issuer: str, subject: str) -> str:
    """What axes records as the «username» of a refused identity: a hash, never the identifier itself."""
    return "oidc:" + hashlib.sha256(f"{issuer}#{subject}".encode()).hexdigest()[:24]
