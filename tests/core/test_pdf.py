"""PDF rendering embeds the shipped fonts and never fetches anything from outside static/."""

import subprocess

import pytest
from django.template.loader import render_to_string

from apps.core.pdf import _static_only_fetcher, html_to_pdf


def test_render_embeds_liberation_serif_from_static(tmp_path):
    css = render_to_string("pdf/_base.css")
    pdf = html_to_pdf(
        f"<html><head><style>{css}</style></head><body><p>Приказ № 1 «О наставничестве»</p></body></html>"
    )
    path = tmp_path / "probe.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Liberation-Serif" in fonts
    assert "yes" in fonts.splitlines()[-1]  # embedded
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Приказ № 1 «О наставничестве»" in text


@pytest.mark.parametrize(
    "url", ["http://example.com/logo.png", "https://example.com/a.css", "file:///etc/passwd"]
)
def test_fetcher_refuses_anything_outside_static(url):
    with pytest.raises(ValueError, match="запрещена"):
        _static_only_fetcher().fetch(url)


def test_fetcher_serves_static_files_and_data_urls(settings):
    from pathlib import Path

    font = Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    response = _static_only_fetcher().fetch(font.as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"
    response.close()
    assert _static_only_fetcher().fetch("data:text/plain,abc").read() == b"abc"
