"""Devices, enrolment codes, nonces and server facts on SQL (half of `SqlStorage`)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from hbf_desktop.server.records import (
    BadEnrolmentCodeError,
    DeviceExistsError,
    DeviceRecord,
    NewDevice,
    RecipientKeyRecord,
    UnknownDeviceError,
)
from hbf_desktop.server.schema import devices, enrolment_codes, nonces, recipient_keys, server_info

_NONCE_SWEEP_EVERY = 256


class SqlDevices:
    """Half of `SqlStorage`, which sets the engines (see `database.Engines`) and the nonce counter."""

    _write: Engine
    _read: Engine
    _volatile: Engine
    _nonce_calls: itertools.count[int]

    def info(self, name: str) -> str | None:
        with self._read.connect() as connection:
            return connection.execute(select(server_info.c.value).where(server_info.c.name == name)).scalar()

    def set_info(self, name: str, value: str) -> None:
        with self._write.begin() as connection:
            connection.execute(delete(server_info).where(server_info.c.name == name))
            connection.execute(insert(server_info).values(name=name, value=value))

    def add_enrolment_code(self, code_hash: str, user: str, role: str, now: int, expires_at: int) -> None:
        row = {"code_hash": code_hash, "user_name": user, "role": role, "created_at": now, "expires_at": expires_at}
        with self._write.begin() as connection:
            connection.execute(insert(enrolment_codes).values(**row))

    def enrol(self, code_hash: str, device: NewDevice, now: int) -> DeviceRecord:
        """Use the code and add the device in one transaction: a refused enrolment leaves the code usable."""
        try:
            with self._write.begin() as connection:
                code = connection.execute(
                    select(enrolment_codes)
                    .where(enrolment_codes.c.code_hash == code_hash, enrolment_codes.c.used_at.is_(None))
                    .where(enrolment_codes.c.expires_at > now)
                ).first()
                if code is None:
                    raise BadEnrolmentCodeError(
                        "This enrolment code is not valid: it is mistyped, already used or expired. "
                        "Ask the administrator for a new one."
                    )
                _check_new_device(connection, device)
                connection.execute(
                    update(enrolment_codes)
                    .where(enrolment_codes.c.code_hash == code_hash)
                    .values(used_at=now, device_id=device.device_id)
                )
                _insert_device(connection, device, code.user_name, code.role, now)
        except IntegrityError:  # a concurrent enrolment of the same device or key won the race
            raise DeviceExistsError(f"Device {device.device_id} or one of its keys is enrolled already.") from None
        found = self.device(device.device_id)
        assert found is not None
        return found

    def device(self, device_id: str) -> DeviceRecord | None:
        with self._read.connect() as connection:
            found = _load_devices(connection, devices.c.device_id == device_id)
        return found[0] if found else None

    def devices(self) -> list[DeviceRecord]:
        with self._read.connect() as connection:
            return _load_devices(connection, None)

    def remember_nonce(self, device_id: str, nonce: str, expires_at: int, now: int) -> bool:
        """Insert-or-fail on the primary key: atomic on both databases. Also notes when the device was last seen."""
        try:
            with self._volatile.begin() as connection:
                connection.execute(insert(nonces).values(device_id=device_id, nonce=nonce, expires_at=expires_at))
                connection.execute(update(devices).where(devices.c.device_id == device_id).values(last_seen_at=now))
                if next(self._nonce_calls) % _NONCE_SWEEP_EVERY == 0:
                    connection.execute(delete(nonces).where(nonces.c.expires_at < now))
        except IntegrityError:
            return False
        return True

    def revoke(self, device_id: str, reason: str, now: int) -> DeviceRecord:
        """Revoke once: a second revocation keeps the first time and reason."""
        with self._write.begin() as connection:
            connection.execute(
                update(devices)
                .where(devices.c.device_id == device_id, devices.c.revoked_at.is_(None))
                .values(revoked_at=now, revoke_reason=reason)
            )
        return self._existing(device_id)

    def set_wipe_order(self, device_id: str, document: bytes, now: int) -> DeviceRecord:
        """Keep the wipe order and revoke the device if it is not yet: a device told to wipe must not sync on."""
        self._existing(device_id)
        with self._write.begin() as connection:
            connection.execute(update(devices).where(devices.c.device_id == device_id).values(wipe_order=document))
            connection.execute(
                update(devices)
                .where(devices.c.device_id == device_id, devices.c.revoked_at.is_(None))
                .values(revoked_at=now, revoke_reason="wipe order")
            )
        return self._existing(device_id)

    def _existing(self, device_id: str) -> DeviceRecord:
        found = self.device(device_id)
        if found is None:
            raise UnknownDeviceError(f"There is no device {device_id} on this server.")
        return found


def _check_new_device(connection: Connection, device: NewDevice) -> None:
    taken = connection.execute(
        select(func.count())
        .select_from(devices)
        .where((devices.c.device_id == device.device_id) | (devices.c.signing_key == device.signing_key))
    ).scalar_one()
    key_ids = [key.key_id for key in device.recipient_keys]
    taken += connection.execute(
        select(func.count()).select_from(recipient_keys).where(recipient_keys.c.key_id.in_(key_ids))
    ).scalar_one()
    if taken:
        raise DeviceExistsError(f"Device {device.device_id} or one of its keys is enrolled already.")


def _insert_device(connection: Connection, device: NewDevice, user: str, role: str, now: int) -> None:
    connection.execute(
        insert(devices).values(
            device_id=device.device_id,
            user_name=user,
            role=role,
            signing_key=device.signing_key,
            label=device.label,
            enrolled_at=now,
            last_seen_at=now,
            last_sequence=0,
            acked_cursor=0,
        )
    )
    connection.execute(
        insert(recipient_keys),
        [
            {"key_id": key.key_id, "device_id": device.device_id, "suite": key.suite, "public_key": key.key}
            for key in device.recipient_keys
        ],
    )


def _load_devices(connection: Connection, condition: object) -> list[DeviceRecord]:
    query = select(devices).order_by(devices.c.enrolled_at, devices.c.device_id)
    if condition is not None:
        query = query.where(condition)  # type: ignore[arg-type]
    rows = connection.execute(query).all()
    keys: dict[str, list[RecipientKeyRecord]] = {}
    key_query = select(recipient_keys).order_by(recipient_keys.c.suite, recipient_keys.c.key_id)
    if condition is not None:
        key_query = key_query.where(recipient_keys.c.device_id.in_([row.device_id for row in rows]))
    for key in connection.execute(key_query):
        keys.setdefault(key.device_id, []).append(RecipientKeyRecord(key.suite, key.public_key, key.key_id))
    return [_device_record(row, keys.get(row.device_id, ())) for row in rows]


def _device_record(row: Row[object], keys: Sequence[RecipientKeyRecord]) -> DeviceRecord:
    values = row._mapping
    return DeviceRecord(
        device_id=values["device_id"],
        user=values["user_name"],
        role=values["role"],
        signing_key=values["signing_key"],
        label=values["label"],
        recipient_keys=tuple(keys),
        enrolled_at=values["enrolled_at"],
        last_seen_at=values["last_seen_at"],
        revoked_at=values["revoked_at"],
        revoke_reason=values["revoke_reason"],
        wipe_order=values["wipe_order"],
        last_sequence=values["last_sequence"],
        last_batch_hash=values["last_batch_hash"],
        acked_cursor=values["acked_cursor"],
    )
