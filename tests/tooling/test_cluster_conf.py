"""The nginx configuration of `make cluster` (scripts/cluster.sh): valid for Debian's nginx, and a request
that failed on one gunicorn instance goes to the other — except a POST that already reached one (README
«Scaling out»). Fast and without starting anything; tests/cluster runs the cluster itself."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def conf(tmp_path) -> Path:
    out = subprocess.run(
        [ROOT / "scripts" / "cluster.sh", "nginx-conf"],
        env={"PATH": "/usr/bin:/bin", "CLUSTER_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return Path(out.stdout.strip())


def test_failed_requests_go_to_the_other_instance_but_never_a_sent_post(conf):
    text = conf.read_text()
    upstream = re.search(r"upstream portal \{(.*?)\}", text, re.S).group(1)
    assert len(re.findall(r"^\s*server 127\.0\.0\.1:\d+", upstream, re.M)) == 2
    (next_upstream,) = re.findall(r"^\s*proxy_next_upstream (.*);", text, re.M)
    conditions = next_upstream.split()
    assert {"error", "timeout", "http_502", "http_503"} <= set(conditions)
    # nginx passes a POST to the next server after it was sent only with «non_idempotent»: never here.
    assert "non_idempotent" not in conditions
    assert "add_header X-Upstream $upstream_addr" in text


@pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(), reason="Debian's nginx is not installed")
def test_nginx_accepts_the_configuration(conf):
    prefix = conf.parent.parent
    result = subprocess.run(
        [
            "/usr/sbin/nginx",
            "-t",
            "-q",
            "-p",
            str(prefix),
            "-e",
            str(prefix / "logs" / "error.log"),
            "-c",
            str(conf),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
