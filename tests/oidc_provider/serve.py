"""Start the stand-in OpenID provider on 127.0.0.1: a new RSA signing key, a fresh SQLite database, the
users and the portal's client from the arguments; prints «ready» when it listens.

    python -m tests.oidc_provider.serve --port 8461 --workdir var/oidc_provider \\
        --client-id portal --client-secret … --redirect-uri http://127.0.0.1:8462/login/oidc/callback/ \\
        --post-logout-uri http://127.0.0.1:8462/login/ --users tests/oidc_provider/demo_users.json
"""

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def _prepare(args) -> None:
    workdir = Path(args.workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (workdir / "rsa.pem").write_bytes(pem)
    users = json.loads(Path(args.users).read_text()) if args.users else []
    claims = {u["username"]: u.get("claims", {}) for u in users}
    (workdir / "claims.json").write_text(json.dumps(claims, ensure_ascii=False))
    os.environ["OIDC_PROVIDER_WORKDIR"] = str(workdir)
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{args.port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"


def _populate(args) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    users = json.loads(Path(args.users).read_text()) if args.users else []
    for spec in users:
        user = User(
            username=spec["username"],
            email=spec.get("email", ""),
            first_name=spec.get("first_name", ""),
            last_name=spec.get("last_name", ""),
        )
        user.set_password(spec["password"])
        user.save()
    Application.objects.create(
        name="Портал наставничества",
        client_id=args.client_id,
        client_secret=args.client_secret,  # hashed on save
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(args.redirect_uri),
        post_logout_redirect_uris=" ".join(args.post_logout_uri),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,  # the consent screen is the region's business, not the portal's
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", action="append", required=True)
    parser.add_argument("--post-logout-uri", action="append", default=[])
    parser.add_argument("--users", help="JSON: [{username, password, email, first_name, last_name, claims}]")
    args = parser.parse_args(argv)
    _prepare(args)

    import django

    django.setup()
    _populate(args)

    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    print(f"ready: issuer {os.environ['OIDC_PROVIDER_ISSUER']}", flush=True)
    run("127.0.0.1", args.port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    sys.exit(main())
