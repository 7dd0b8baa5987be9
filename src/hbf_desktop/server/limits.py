"""The per-device rate limit: a token bucket in memory (one process serves one organisation; a restart forgets)."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """`rate_per_minute` requests a minute on average, up to `burst` at once; `retry_after` says when to come back."""

    def __init__(self, rate_per_minute: int, burst: int) -> None:
        self._rate = rate_per_minute / 60.0
        self._burst = float(burst)
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def retry_after(self, device_id: str, now: float) -> int | None:
        """None if this request may go ahead (and count it), else the whole seconds to wait."""
        with self._lock:
            bucket = self._buckets.setdefault(device_id, _Bucket(self._burst, now))
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return max(1, math.ceil((1.0 - bucket.tokens) / self._rate))
