"""static/vendor/: the files are those of VERSIONS.toml, and the pages load them (scripts/vendor.py)."""

import importlib.util
import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("vendor", ROOT / "scripts" / "vendor.py")
vendor = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vendor)


def test_every_vendored_file_matches_its_release():
    assert vendor.check(vendor.load()) == []


def test_the_manifest_is_written_as_it_is_read():
    """--update rewrites VERSIONS.toml: the same text for the same data, nothing lost."""
    text = vendor.MANIFEST.read_text()
    assert vendor.dump(vendor.load()) == text


@pytest.fixture
def vendored(tmp_path):
    copy = tmp_path / "vendor"
    shutil.copytree(vendor.VENDOR, copy)
    return copy


def test_a_changed_missing_or_unlisted_file_is_found(vendored):
    libraries = vendor.load()
    (vendored / "bootstrap" / "bootstrap.min.css").write_text("/* edited by hand */")
    (vendored / "chartjs" / "LICENSE.md").unlink()
    (vendored / "htmx" / "htmx.js").write_text("// not listed")
    problems = vendor.check(libraries, vendored)
    assert len(problems) == 3
    assert "bootstrap/bootstrap.min.css differs" in problems[0]
    assert "chartjs/LICENSE.md is missing" in problems[1]
    assert "htmx/htmx.js is not listed" in problems[2]


def _tarball(files: dict[str, bytes]) -> tarfile.TarFile:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    return tarfile.open(fileobj=buffer, mode="r:gz")


def test_a_fetched_file_loses_its_source_map_and_the_dropped_text():
    """collectstatic's manifest storage fails on a reference to a file that is not shipped."""
    archive = _tarball(
        {
            "dist/a.min.css": b"a{b:c}\n/*# sourceMappingURL=a.min.css.map */",
            "dist/a.min.js": b"f();\n//# sourceMappingURL=a.min.js.map\n",
            "font/i.css": b'src:url("i.woff2?1f") format("woff2"),url("i.woff?1f") format("woff")}',
        }
    )
    assert vendor.extract(archive, {"from": "dist/a.min.css"}) == b"a{b:c}\n"
    assert vendor.extract(archive, {"from": "dist/a.min.js"}) == b"f();\n"
    drop = r',url\("i\.woff\?\w+"\) format\("woff"\)'
    assert (
        vendor.extract(archive, {"from": "font/i.css", "drop": drop})
        == b'src:url("i.woff2?1f") format("woff2")}'
    )
    with pytest.raises(vendor.VendorError, match="found nothing"):
        vendor.extract(archive, {"from": "dist/a.min.js", "drop": drop})


def test_newer_releases_are_told_apart_by_major():
    assert vendor.newer("2.0.10", ["2.0.9", "2.0.10", "2.0.11", "4.0.1", "10.0.0"]) == ("2.0.11", "10.0.0")
    assert vendor.newer("5.3.9", ["5.3.9", "5.3.8"]) == (None, None)
    assert vendor.newer("1.2.3", ["2.0.0"]) == (None, "2.0.0")


def test_outdated_does_not_fail_when_the_registry_is_unreachable(monkeypatch, capsys):
    def unreachable(*args, **kwargs):
        raise OSError("network is unreachable")

    monkeypatch.setattr(vendor, "_get", unreachable)
    assert vendor.outdated(vendor.load(), strict=True) == 0
    assert "not checked" in capsys.readouterr().out


@pytest.mark.django_db
def test_pages_load_htmx_from_static_vendor(client_for):
    body = client_for("curator").get(reverse("accounts:dashboard")).content.decode()
    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in body
    assert "django_htmx/htmx" not in body
    assert "VERSIONS.toml" not in body  # the template's comment stays a comment
