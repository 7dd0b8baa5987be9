"""The real `hbf-server serve` process on 127.0.0.1, its databases, and a test device that signs its requests.

Nothing here stands in for a server component: the server is the installed command, the database is a real SQLite
file or a real PostgreSQL database made for this test session, and requests are signed with `protocol.sign_request`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from hbf_desktop.server.enrolment import code_hash, new_code
from hbf_desktop.server.sql_storage import SqlStorage
from hbf_desktop.sync.protocol import (
    NO_PREVIOUS_BATCH,
    Directory,
    DirectoryMember,
    IdentityKeys,
    RecipientPublicKey,
    SigningPrivateKey,
    batch_hash,
    seal_batch,
    sign_directory,
    sign_request,
)

ORGANISATION_ID = "hbf"
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
_FAST_LIMITS = {"HBF_SERVER_RATE_PER_MINUTE": "600000", "HBF_SERVER_RATE_BURST": "100000"}


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("hbf-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hbf_desktop.server"]


def run_cli(*arguments: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*server_command(), *arguments], capture_output=True, text=True, timeout=timeout)


def postgres_available() -> str | None:
    """None if PostgreSQL answers at 127.0.0.1:5432, else the reason it does not."""
    import psycopg

    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return f"PostgreSQL at 127.0.0.1:5432 is not reachable: {str(error).strip().splitlines()[0]}"


def create_postgres_database() -> str:
    """A new, empty database of our own (others use the same PostgreSQL at the same time): its URL."""
    import psycopg

    name = f"hbf_server_{secrets.token_hex(6)}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def drop_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    assert name.startswith("hbf_server_")  # never anyone else's
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class RunningServer:
    """One `hbf-server serve` process; stderr (its log) goes to `log_path`."""

    data_dir: Path
    database_url: str
    root: SigningPrivateKey
    log_path: Path
    process: subprocess.Popen[str] | None = None
    base_url: str = ""

    @property
    def where(self) -> list[str]:
        return ["--data-dir", str(self.data_dir), "--database-url", self.database_url]

    def start(self, extra_environment: dict[str, str] | None = None) -> None:
        environment = {**os.environ, **_FAST_LIMITS, **(extra_environment or {})}
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [*server_command(), "serve", "--port", "0", *self.where],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env=environment,
        )
        log.close()
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()  # "hbf-server: listening on http://127.0.0.1:PORT"
        if not line.startswith("hbf-server: listening on http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"the server did not start: {line!r}; log: {self.log_path.read_text()[-2000:]}")
        self.base_url = line.rsplit(" ", 1)[1]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()

    def storage(self) -> SqlStorage:
        """The same database, opened in the test process (how an admin command opens it)."""
        return SqlStorage.open(
            self.database_url.replace("postgresql://", "postgresql+psycopg://"), migrate_schema=False
        )

    def enrolment_code(self, user: str, role: str, *, expires_in: int = 3600) -> str:
        code = new_code()
        storage = self.storage()
        try:
            now = int(time.time())
            storage.add_enrolment_code(code_hash(code), user, role, now, now + expires_in)
        finally:
            storage.close()
        return code


def write_provisioning(path: Path, root: SigningPrivateKey, server_url: str = "http://127.0.0.1:8443") -> None:
    public = root.public_key()
    content = {
        "format": "hbf-provisioning-v1",
        "organisation_id": ORGANISATION_ID,
        "organisation_name": "Test organisation",
        "server_url": server_url,
        "root_signing_key": public.to_text(),
        "root_key_id": public.key_id,
        "policy": {},
    }
    path.write_text(json.dumps(content))


def make_server(directory: Path, database_url: str | None, provisioning: Path | None = None) -> RunningServer:
    """A server initialised with `provisioning`, or with one written here for a root key made here."""
    directory.mkdir(parents=True, exist_ok=True)
    data_dir = directory / "data"
    url = database_url or f"sqlite:///{data_dir / 'hbf-server.sqlite3'}"
    server = RunningServer(data_dir, url, SigningPrivateKey.generate(), directory / "server.log")
    if provisioning is None:
        provisioning = directory / "provisioning.json"
        write_provisioning(provisioning, server.root)
    result = run_cli("init", "--provisioning", str(provisioning), *server.where)
    assert result.returncode == 0, result.stderr
    return server


@dataclass
class Device:
    """A laptop as the server sees it: an id, its keys, and its place on its own chain."""

    server: RunningServer
    keys: IdentityKeys = field(default_factory=IdentityKeys.generate)
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    sequence: int = 0
    last_hash: str = NO_PREVIOUS_BATCH
    clock_offset: int = 0

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        timestamp: int | None = None,
        content_type: str = "application/octet-stream",
        authorization: str | None = None,
    ) -> httpx.Response:
        if authorization is None:
            authorization = self.authorization(method, path, body, timestamp=timestamp)
        headers = {"Authorization": authorization, "Content-Type": content_type}
        return self.http.request(method, self.server.base_url + path, content=body, headers=headers)

    @functools.cached_property
    def http(self) -> httpx.Client:
        """One client per device, kept open: a laptop reuses its connection (and making a client is slow)."""
        return httpx.Client(timeout=60)

    def authorization(self, method: str, path: str, body: bytes = b"", *, timestamp: int | None = None) -> str:
        when = int(time.time()) + self.clock_offset if timestamp is None else timestamp
        digest = hashlib.sha256(body).hexdigest()
        return sign_request(method, path, when, digest, self.device_id, self.keys.signing).header_value()

    def json(self, method: str, path: str, content: object) -> httpx.Response:
        return self.request(method, path, json.dumps(content).encode(), content_type="application/json")

    def enrol_body(self, code: str) -> dict[str, object]:
        return {
            "code": code,
            "device_id": self.device_id,
            "signing_key": self.keys.signing.public_key().to_text(),
            "recipient_keys": [{"suite": 1, "key": self.keys.recipient.public_key().to_text()}],
            "label": "test laptop",
        }

    def enrol(self, code: str) -> httpx.Response:
        return self.json("POST", "/v1/enrol", self.enrol_body(code))

    @property
    def recipient(self) -> RecipientPublicKey:
        return self.keys.recipient.public_key()

    def seal(
        self,
        payload: bytes,
        readers: list[RecipientPublicKey],
        *,
        sequence: int | None = None,
        previous: str | None = None,
        organisation_id: str = ORGANISATION_ID,
        device_id: str | None = None,
    ) -> tuple[uuid.UUID, bytes]:
        """The device's next batch (or the one at `sequence`), not yet counted as sent."""
        batch_id = uuid.uuid4()
        data = seal_batch(
            payload,
            organisation_id=organisation_id,
            device_id=device_id or self.device_id,
            batch_id=batch_id,
            sequence=self.sequence + 1 if sequence is None else sequence,
            previous_batch_hash=self.last_hash if previous is None else previous,
            created_at=datetime.now(UTC),
            directory_version=1,
            recipients=readers,
            signing_key=self.keys.signing,
        )
        return batch_id, data

    def upload(self, batch_id: uuid.UUID, data: bytes) -> httpx.Response:
        response = self.request("PUT", f"/v1/batches/{batch_id}", data)
        if response.status_code == 201:
            self.sequence += 1
            self.last_hash = batch_hash(data)
        return response

    def send(self, payload: bytes, readers: list[RecipientPublicKey]) -> tuple[uuid.UUID, bytes]:
        batch_id, data = self.seal(payload, readers)
        response = self.upload(batch_id, data)
        assert response.status_code == 201, response.text
        return batch_id, data


def directory_document(root: SigningPrivateKey, version: int, supervisors: list[Device]) -> bytes:
    directory = Directory(
        version=version,
        organisation_id=ORGANISATION_ID,
        organisation_name="Test organisation",
        server_url="http://127.0.0.1:8443",
        supervisors=tuple(
            DirectoryMember(f"supervisor {index}", device.keys.signing.public_key(), (device.recipient,))
            for index, device in enumerate(supervisors)
        ),
        policy={},
    )
    return sign_directory(directory, root)
