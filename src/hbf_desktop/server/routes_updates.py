"""The update repository: a read-only folder of TUF metadata and targets served at /v1/updates/ (docs/installers.md).

The server only hands out files; it signs and checks nothing. Every file is signed by the organisation's release key
and the laptop's TUF client checks signatures, hashes, lengths and versions, so a server (or anyone between) that
serves a changed file is refused there. What matters here is serving *only* the two folders: a file name is one path
segment of safe characters, the resolved file must lie inside its folder and be a regular file, and there is no
directory listing. Anything else is the same problem+json 404, so probing learns nothing about the disk.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import FileResponse

from hbf_desktop.server.problems import Problem
from hbf_desktop.server.services import Services

router = APIRouter()

AREAS = ("metadata", "targets")
# TUF names: "1.root.json", "timestamp.json", "<sha256>.hbf-desktop_0.2.0_amd64.deb". No slash, no leading dot.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+~-]{0,254}$")
_JSON = "application/json"
_OCTETS = "application/octet-stream"


@router.get("/v1/updates/{area}/{name}", include_in_schema=False)
def update_file(area: str, name: str, request: Request) -> FileResponse:
    """One metadata or target file, or 404. Metadata must be revalidated (timestamp.json changes in place)."""
    services: Services = request.app.state.services
    path = _resolve(services.settings.updates_dir, area, name)
    kind = _JSON if name.endswith(".json") else _OCTETS
    cache = "no-cache" if area == "metadata" else "max-age=300"  # targets are named by their hash: never change
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": cache}
    return FileResponse(path, media_type=kind, headers=headers)


def _resolve(root: Path | None, area: str, name: str) -> Path:
    if root is None or area not in AREAS or not _NAME.match(name) or ".." in name:
        raise _not_found()
    folder = (root / area).resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():  # a symlink out of the folder resolves elsewhere
        raise _not_found()
    return path


def _not_found() -> Problem:
    return Problem(404, "not-found", "There is no such update file. Check the server URL and the API version (/v1/).")
