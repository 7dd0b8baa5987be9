"""What every route needs, built once per app: settings, storage, the authenticator and the clock.

Also the FastAPI dependencies that read the raw body and authenticate its sender.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from hbf_desktop.server.auth import Authenticator, Clock, path_with_query
from hbf_desktop.server.edge import DEVICE_STATE_KEY
from hbf_desktop.server.problems import Problem
from hbf_desktop.server.records import DeviceRecord
from hbf_desktop.server.settings import ServerSettings
from hbf_desktop.server.storage import Storage
from hbf_desktop.sync.protocol import ProtocolError, SigningPublicKey

ORGANISATION_ID = "organisation_id"
ROOT_SIGNING_KEY = "root_signing_key"


@dataclass(frozen=True)
class Services:
    settings: ServerSettings
    storage: Storage
    authenticator: Authenticator
    clock: Clock = time.time

    def now(self) -> int:
        return int(self.clock())

    def organisation_id(self) -> str | None:
        return self.storage.info(ORGANISATION_ID)

    def root_key(self) -> SigningPublicKey | None:
        text = self.storage.info(ROOT_SIGNING_KEY)
        try:
            return None if text is None else SigningPublicKey.from_text(text)
        except ProtocolError:
            return None


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


async def request_body(request: Request) -> bytes:
    """The whole body, read through the edge's size limit (a 413 is raised while it streams in)."""
    return await request.body()


ServicesDep = Annotated[Services, Depends(services)]
BodyDep = Annotated[bytes, Depends(request_body)]


def current_device(request: Request, body: BodyDep, found: ServicesDep) -> DeviceRecord:
    header = request.headers.get("authorization")
    device = found.authenticator.authenticate(request.method, path_with_query(request.scope), header, body)
    setattr(request.state, DEVICE_STATE_KEY, device.device_id)
    return device


DeviceDep = Annotated[DeviceRecord, Depends(current_device)]


def current_supervisor(device: DeviceDep) -> DeviceRecord:
    if device.role != "supervisor":
        raise Problem(403, "forbidden", "Only a supervisor's device may do this.")
    return device


SupervisorDep = Annotated[DeviceRecord, Depends(current_supervisor)]
