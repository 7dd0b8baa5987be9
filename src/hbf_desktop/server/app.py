"""The FastAPI app factory: storage and settings in, an ASGI app out (no globals, so tests can build several)."""

from __future__ import annotations

import time

from fastapi import FastAPI

from hbf_desktop import __version__
from hbf_desktop.server import routes_batches, routes_devices, routes_documents, routes_updates
from hbf_desktop.server.api_models import problems
from hbf_desktop.server.auth import Authenticator, Clock
from hbf_desktop.server.edge import EdgeMiddleware
from hbf_desktop.server.limits import RateLimiter
from hbf_desktop.server.problems import install_handlers
from hbf_desktop.server.services import Services
from hbf_desktop.server.settings import ServerSettings
from hbf_desktop.server.storage import Storage


def create_app(settings: ServerSettings, storage: Storage, clock: Clock = time.time) -> FastAPI:
    app = FastAPI(
        title="HBF sync server",
        version=__version__,
        description="Stores and forwards sealed batches; it cannot read them. See docs/sync-api.md.",
        docs_url=None,
        redoc_url=None,
    )
    limiter = RateLimiter(settings.rate_per_minute, settings.rate_burst)
    app.state.services = Services(settings, storage, Authenticator(storage, limiter, clock), clock)
    install_handlers(app)
    app.add_middleware(EdgeMiddleware, max_body_bytes=settings.max_body_bytes)
    for module in (routes_devices, routes_batches, routes_documents, routes_updates):
        app.include_router(module.router, responses=problems(422, 500))  # every route: bad input, or our fault
    return app
