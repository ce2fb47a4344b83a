"""Repeated failed sign-ins slowed down: a growing delay per username and address, then a lockout."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class Throttle:
    """Failures remembered per (username, address) and per address within `window` seconds."""

    base_delay: float = 0.5     # seconds before answering after the first failure, doubling each time
    max_delay: float = 8.0
    lock_after: int = 8         # failures for one username from one address before refusing outright
    address_limit: int = 40     # failures from one address over all usernames (password spraying)
    window: float = 900.0       # 15 minutes
    _fails: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key) -> list[float]:
        now = time.monotonic()
        kept = [t for t in self._fails.get(key, []) if now - t < self.window]
        self._fails[key] = kept
        return kept

    def locked_for(self, username: str, address: str) -> float:
        """Seconds until this username may try again from this address (0 when allowed)."""
        with self._lock:
            for key, limit in (((username, address), self.lock_after), (("*", address), self.address_limit)):
                fails = self._recent(key)
                if len(fails) >= limit:
                    return max(1.0, self.window - (time.monotonic() - fails[-limit]))
        return 0.0

    def delay(self, username: str, address: str) -> float:
        """Seconds to wait before checking this attempt: 0 at first, then growing with each recent failure."""
        with self._lock:
            n = len(self._recent((username, address)))
        return 0.0 if n == 0 else min(self.max_delay, self.base_delay * 2 ** (n - 1))

    def failed(self, username: str, address: str) -> None:
        """Record a failed attempt."""
        now = time.monotonic()
        with self._lock:
            if len(self._fails) > 10_000:  # many made-up usernames: forget the expired ones so memory stays small
                for key in list(self._fails):
                    self._recent(key) or self._fails.pop(key)
            self._fails.setdefault((username, address), []).append(now)
            self._fails.setdefault(("*", address), []).append(now)

    def succeeded(self, username: str, address: str) -> None:
        """Forget this username's failures from this address."""
        with self._lock:
            self._fails.pop((username, address), None)
