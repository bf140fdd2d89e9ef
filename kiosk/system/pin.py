"""The staff PIN: stored only as a salted scrypt hash, compared in constant time, and locked after
repeated failures, with the lock kept on disk so a restart does not lift it."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from kiosk.clock import Clock
from kiosk.documents.decoding import ContentError, decode_document
from kiosk.migrations import FileKind
from kiosk.storage import atomic_write

log = logging.getLogger(__name__)

PIN_FILE = "pin.json"
LOCK_FILE = "pin-lock.json"
MAX_FAILURES = 5
LOCK_SECONDS = 300.0
# The PIN rules, for the keypads and `kiosk set-pin` alike.
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 8
_PIN_PATTERN = re.compile(f"[0-9]{{{MIN_PIN_DIGITS},{MAX_PIN_DIGITS}}}")
# scrypt cost: about 50 ms here, slow enough to make guessing a stolen hash expensive.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
# The PIN file had no version before version 1 was declared: such a file is a version 1 file.
PIN_KIND = FileKind("PIN", current=1, steps={}, missing_version=1)
_HEX = Annotated[str, msgspec.Meta(pattern="^([0-9a-fA-F]{2})+$")]
# scrypt's cost parameters within what `_hash`'s 64 MiB allows; a tampered file fails to load.
_COST = Annotated[int, msgspec.Meta(ge=1, le=2**20)]


class PinError(ValueError):
    """A PIN that cannot be set, with the reason as a sentence."""


class PinRecord(msgspec.Struct):
    """`pin.json`: the salted scrypt hash of the PIN, never the PIN."""

    scheme: Literal["scrypt"]
    n: _COST
    r: _COST
    p: _COST
    salt: _HEX
    hash: _HEX
    schema_version: int = PIN_KIND.current


class PinLock(msgspec.Struct):
    """`pin-lock.json`: wrong tries since the last good one, and the end of a lock (epoch seconds)."""

    failures: int = 0
    locked_until: float = 0.0


@dataclass(frozen=True)
class StoredPin:
    salt: bytes
    digest: bytes
    n: int
    r: int
    p: int


@dataclass(frozen=True)
class PinCheck:
    outcome: Literal["accepted", "wrong", "locked", "not_set"]
    tries_left: int = 0
    locked_for_s: float = 0.0


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


class PinStore:
    """The PIN hash in the config dir; the failure count and lock in `state_dir` (the data dir),
    so a PIN try never touches the watched config files and never reloads the show."""

    def __init__(self, config_dir: Path, clock: Clock, state_dir: Path | None = None) -> None:
        self.config_dir = config_dir
        self.clock = clock
        self.state_dir = state_dir if state_dir is not None else config_dir

    @property
    def pin_path(self) -> Path:
        return self.config_dir / PIN_FILE

    @property
    def lock_path(self) -> Path:
        return self.state_dir / LOCK_FILE

    def is_set(self) -> bool:
        return self._stored() is not None

    def set_pin(self, pin: str) -> None:
        if not _PIN_PATTERN.fullmatch(pin):
            raise PinError(f"A PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits.")
        salt = os.urandom(16)
        record = PinRecord(
            scheme="scrypt",
            n=_SCRYPT_N,
            r=_SCRYPT_R,
            p=_SCRYPT_P,
            salt=salt.hex(),
            hash=_hash(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P).hex(),
        )
        atomic_write(self.pin_path, msgspec.json.encode(record), keep_backup=False)
        self._write_lock(0, 0.0)
        log.info("staff PIN set")

    def check(self, pin: str) -> PinCheck:
        stored = self._stored()
        if stored is None:
            return PinCheck("not_set")
        failures, locked_until = self._read_lock()
        now = self.clock.now().timestamp()
        if locked_until > now:
            return PinCheck("locked", locked_for_s=locked_until - now)
        if locked_until and locked_until <= now:
            failures = 0
        candidate = b""
        if _PIN_PATTERN.fullmatch(pin):
            candidate = _hash(pin, stored.salt, stored.n, stored.r, stored.p)
        if hmac.compare_digest(candidate, stored.digest):
            self._write_lock(0, 0.0)
            log.info("staff PIN accepted")
            return PinCheck("accepted")
        failures += 1
        if failures >= MAX_FAILURES:
            self._write_lock(0, now + LOCK_SECONDS)
            log.warning("staff PIN locked for %d s after %d wrong attempts", LOCK_SECONDS, MAX_FAILURES)
            return PinCheck("locked", locked_for_s=LOCK_SECONDS)
        self._write_lock(failures, 0.0)
        log.warning("wrong staff PIN (%d of %d)", failures, MAX_FAILURES)
        return PinCheck("wrong", tries_left=MAX_FAILURES - failures)

    def change_pin(self, old: str, new: str) -> PinCheck:
        """Set `new` if `old` is the PIN now; a wrong `old` counts as a failed try."""
        result = self.check(old)
        if result.outcome == "accepted":
            self.set_pin(new)
        return result

    def locked_for_s(self) -> float:
        _, locked_until = self._read_lock()
        return max(0.0, locked_until - self.clock.now().timestamp())

    def _stored(self) -> StoredPin | None:
        """The stored hash; None when there is no usable PIN file (missing, corrupt, from a newer
        kiosk), so staff mode asks for a PIN to be set, as on a fresh kiosk."""
        try:
            record = decode_document(self.pin_path.read_bytes(), PinRecord, PIN_FILE, PIN_KIND)
        except FileNotFoundError:
            return None
        except (OSError, ContentError) as error:
            log.error("staff PIN file unusable: %s", error)
            return None
        return StoredPin(
            salt=bytes.fromhex(record.salt),
            digest=bytes.fromhex(record.hash),
            n=record.n,
            r=record.r,
            p=record.p,
        )

    def _read_lock(self) -> tuple[int, float]:
        try:
            state = msgspec.json.decode(self.lock_path.read_bytes(), type=PinLock)
        except (OSError, msgspec.DecodeError, UnicodeDecodeError):
            # An unreadable lock file counts as no failures: whoever can delete files on the
            # kiosk does not need the PIN to change it.
            return 0, 0.0
        latest = self.clock.now().timestamp() + LOCK_SECONDS
        if state.locked_until > latest:
            # The wall clock was set back after the lock (or the file was edited): no lock is ever
            # longer than LOCK_SECONDS from now, and the shortened end is kept so that it lifts.
            log.warning("staff PIN lock ended later than %d s from now; shortened to that", LOCK_SECONDS)
            self._write_lock(state.failures, latest)
            return state.failures, latest
        return state.failures, state.locked_until

    def _write_lock(self, failures: int, locked_until: float) -> None:
        atomic_write(self.lock_path, msgspec.json.encode(PinLock(failures, locked_until)), keep_backup=False)
