"""Publishing the signed directory to the organisation's server: `PUT /v1/directory` (docs/sync-api.md).

Plain standard-library HTTP: this runs once per change of supervisors, on the administrator's machine, and must not
pull the sync client in. The server's refusals are problem+json documents; their `detail` is what the person sees.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

from hbf_desktop.admin.errors import PublishError

_ALLOWED_URL = re.compile(r"(https://[A-Za-z0-9.-]+|http://(localhost|127\.0\.0\.1))(:[0-9]{1,5})?(/[!-~]*)?")
_TIMEOUT_SECONDS = 30
_MAX_ANSWER_BYTES = 64 * 1024


def publish_directory(server_url: str, document: bytes) -> str:
    """Send the directory; returns a sentence for the person. PublishError for every refusal or failure."""
    if not _ALLOWED_URL.fullmatch(server_url):
        raise PublishError("The server address must be https://HOST[:PORT][/PATH] (plain http only to 127.0.0.1).")
    url = server_url.rstrip("/") + "/v1/directory"
    request = urllib.request.Request(
        url, data=document, method="PUT", headers={"Content-Type": "application/json", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310 - scheme checked
            response.read(_MAX_ANSWER_BYTES)
            return f"The server at {server_url} accepted the directory ({response.status})."
    except urllib.error.HTTPError as error:
        raise PublishError(_refusal(error)) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PublishError(f"Could not reach {server_url}: {reason}. Nothing was published.") from None


def _refusal(error: urllib.error.HTTPError) -> str:
    """One sentence from a problem+json answer, or a plain statement that the answer was not one."""
    body = error.read(_MAX_ANSWER_BYTES)
    try:
        problem = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        problem = None
    if isinstance(problem, dict) and isinstance(problem.get("detail") or problem.get("title"), str):
        kind = str(problem.get("type", "")).rsplit("/", 1)[-1] or "problem"
        text = problem.get("detail") or problem.get("title")
        return f"The server refused the directory ({error.code} {kind}): {text}"
    return f"The server answered {error.code} with something that is not a problem document; nothing was published."
