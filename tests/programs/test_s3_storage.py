"""Uploads on S3-compatible storage (S3_BUCKET, mentoring_portal/scaleout.py) against a real S3 server
(moto's, from the dev extras) on 127.0.0.1: a file uploaded through the portal lands in the bucket as a
private object, not under MEDIA_ROOT, and is downloaded back through the portal's view, which checks
the user's rights. Skipped only when moto or django-storages is not installed."""

import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring_portal.scaleout import s3_storage_for

pytest.importorskip("moto.server", reason="moto[server] (dev extras) is not installed")
pytest.importorskip("storages.backends.s3", reason="django-storages[s3] is not installed")
boto3 = pytest.importorskip("boto3")

pytestmark = pytest.mark.django_db
KEYS = {"access_key": "portal-test", "secret_key": "portal-test-secret", "region": "us-east-1"}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("moto_server did not start")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings):
    name = f"portal-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        region_name=KEYS["region"],
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage_for(bucket=name, endpoint_url=s3_server, **KEYS),
    }
    return client, name


def _upload(client_for, approved, cast, content: bytes):
    from tests.programs.test_views import add_event

    task = add_event(approved, cast.mentor)
    response = client_for("mentee").post(
        reverse("programs:event-done", args=[approved.pk, task.pk]),
        {"evidence": "Самоанализ урока", "files": SimpleUploadedFile("самоанализ.pdf", content)},
    )
    assert response.status_code == 302
    return task.files.get()


def test_a_file_uploaded_through_the_portal_is_a_private_object_downloaded_through_the_portal(
    client_for, approved, cast, bucket, settings
):
    client, name = bucket
    content = b"%PDF-1.4 " + uuid.uuid4().bytes
    evidence = _upload(client_for, approved, cast, content)

    [stored] = client.list_objects_v2(Bucket=name)["Contents"]
    assert stored["Key"] == evidence.file.name
    assert client.get_object(Bucket=name, Key=stored["Key"])["Body"].read() == content
    grants = client.get_object_acl(Bucket=name, Key=stored["Key"])["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner's only
    assert not any(g["Grantee"].get("URI") == ALL_USERS for g in grants)
    assert not (settings.MEDIA_ROOT / evidence.file.name).exists()

    url = reverse("programs:file-download", args=[evidence.pk])
    response = client_for("mentee").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert response["Cache-Control"] == "private, no-store"
    assert client_for("other_curator").get(url).status_code == 404


def test_a_file_gone_from_the_bucket_is_a_404(client_for, approved, cast, bucket):
    client, name = bucket
    evidence = _upload(client_for, approved, cast, b"%PDF-1.4 gone")
    client.delete_object(Bucket=name, Key=evidence.file.name)
    assert client_for("mentee").get(reverse("programs:file-download", args=[evidence.pk])).status_code == 404
