"""The one function that turns a print template (templates/pdf/…) into PDF bytes with WeasyPrint.

Fonts come from static/fonts (Liberation Serif, Times-compatible metrics, Cyrillic) through
@font-face in templates/pdf/_base.css; nothing is fetched from the network while rendering.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

STATIC_DIR = Path(settings.BASE_DIR) / "static"


def _no_network_fetcher(url: str, *args, **kwargs):
    """Only files under static/ may be loaded; anything else (http, file elsewhere) is refused."""
    from weasyprint.urls import default_url_fetcher

    if url.startswith("file://"):
        path = Path(url[len("file://") :]).resolve()
        if STATIC_DIR.resolve() in path.parents:
            return default_url_fetcher(url, *args, **kwargs)
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Загрузка внешнего ресурса при формировании PDF запрещена: {url[:80]}")


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """Render ``template_name`` to PDF. Relative URLs in the template resolve against static/."""
    from weasyprint import HTML

    html = render_to_string(template_name, context or {}, request=request)
    return HTML(string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=_no_network_fetcher).write_pdf()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
