"""What a request must show before any work is done for it.

A POST from a page served elsewhere is refused: a browser names the page's origin in `Origin` (or
at least `Referer`), and only this server's own address may drive it. Scripts such as curl send
neither header and are let through; they cannot be made to run by a web page. With a token (the
server listens on an office network), every API request must carry it.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

TOKEN_HEADER = "X-Drafter-Token"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def foreign_origin(request) -> str | None:
    """The other origin a POST comes from, or None when it comes from this server or a script."""
    own = _origin(request.host_url)
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value:
            theirs = "null" if value == "null" else _origin(value)
            return None if theirs == own else theirs
    return None


def token_missing(request, token: str | None) -> bool:
    """True when the server has a token and the request does not carry it."""
    if not token:
        return False
    given = request.headers.get(TOKEN_HEADER) or request.form.get("token") or ""
    return not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))
