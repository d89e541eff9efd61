"""The stand-in provider in a second process, for the tests: a free port on 127.0.0.1, a readiness poll,
and a browser of its own (``requests.Session``) that signs in at it as a person would."""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import requests

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90  # seconds: migrations on a loaded machine


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    *, workdir: Path, users: list[dict], redirect_uris: list[str], post_logout_uris: list[str]
) -> Provider:
    workdir.mkdir(parents=True, exist_ok=True)
    users_file = workdir / "users.json"
    users_file.write_text(json.dumps(users, ensure_ascii=False))
    port = _free_port()
    client_id, client_secret = "portal-test", "portal-test-secret-0123456789"
    command = [
        sys.executable,
        "-m",
        "tests.oidc_provider.serve",
        f"--port={port}",
        f"--workdir={workdir / 'state'}",
        f"--client-id={client_id}",
        f"--client-secret={client_secret}",
        f"--users={users_file}",
        *(f"--redirect-uri={uri}" for uri in redirect_uris),
        *(f"--post-logout-uri={uri}" for uri in post_logout_uris),
    ]
    log = workdir / "provider.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTEST_VERSION")}
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    provider = Provider(f"http://127.0.0.1:{port}/o", client_id, client_secret, process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the OpenID provider exited: {log.read_text()[-3000:]}")
        try:
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                return provider
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            provider.stop()
            raise RuntimeError(
                f"the OpenID provider did not start in {START_TIMEOUT} s: {log.read_text()[-3000:]}"
            )
        time.sleep(0.2)


def sign_in_at_provider(browser: requests.Session, authorize_url: str, username: str, password: str) -> str:
    """Follow the portal's redirect to the provider, sign in there if asked, and return the address the
    provider sends the browser back to (the portal's callback with ``code`` and ``state``)."""
    answer = browser.get(authorize_url, allow_redirects=False, timeout=30)
    location = urljoin(authorize_url, answer.headers.get("Location", ""))
    if answer.status_code == 302 and urlparse(location).path == "/login/":
        browser.get(location, timeout=30)
        next_url = parse_qs(urlparse(location).query)["next"][0]
        answer = browser.post(
            location,
            data={
                "username": username,
                "password": password,
                "next": next_url,
                "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
            },
            headers={"Referer": location},
            allow_redirects=False,
            timeout=30,
        )
        assert answer.status_code == 302, f"the provider refused the sign-in of {username}"
        answer = browser.get(urljoin(location, answer.headers["Location"]), allow_redirects=False, timeout=30)
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]
