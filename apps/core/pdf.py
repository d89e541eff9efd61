"""The one function that turns a print template (templates/pdf/…) into PDF bytes with WeasyPrint.

Fonts come from static/fonts (Liberation Serif, Times-compatible metrics, Cyrillic) through
@font-face in templates/pdf/_base.css; nothing is fetched from the network while rendering.
"""

import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

STATIC_DIR = Path(settings.BASE_DIR) / "static"


@lru_cache(maxsize=1)
def _fetcher_class():
    """A WeasyPrint fetcher that loads only files under static/ and data: URLs; anything else
    (http, files elsewhere) is refused, so rendering never touches the network."""
    from weasyprint.urls import URLFetcher

    static_root = STATIC_DIR.resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(
                    url2pathname(url.split("?")[0].removeprefix("file:").removeprefix("//"))
                ).resolve()
                if static_root in path.parents:
                    return super().fetch(url, headers)
            raise ValueError(f"Загрузка внешнего ресурса при формировании PDF запрещена: {url[:80]}")

    return StaticOnlyFetcher


def _static_only_fetcher():
    # A new instance per document: a fetcher keeps per-request state.
    return _fetcher_class()(allowed_protocols={"file", "data"})


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """Render ``template_name`` to PDF. Relative URLs in the template resolve against static/."""
    return html_to_pdf(render_to_string(template_name, context or {}, request=request))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=_static_only_fetcher()).write_pdf()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
