"""Repeated failed sign-ins slowed down, then refused: counted per account and address, per address and per account
in the state database, where counting an attempt and letting it through are one transaction (no burst slips past)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from statedb import sql, transaction


def _keys(username: str, address: str) -> dict[str, str]:
    return {"pair": f"user:{username}|{address}", "address": f"address:{address}", "account": f"account:{username}"}


@dataclass
class Throttle:
    """Failures remembered within `window` seconds; each limit refuses only what it counts."""

    base_delay: float = 0.5     # seconds before answering after the first failure, doubling each time
    max_delay: float = 8.0
    lock_after: int = 8         # failures for one username from one address before refusing outright
    address_limit: int = 40     # failures from one address over all usernames (password spraying)
    account_limit: int = 100    # failures for one username over all addresses (a guessing botnet)
    window: float = 900.0       # 15 minutes

    def _limits(self) -> dict[str, int]:
        return {"pair": self.lock_after, "address": self.address_limit, "account": self.account_limit}

    def _wait(self, db, keys: dict[str, str], now: float) -> float:
        """Seconds until the first full limit frees a place (0 when none is full)."""
        wait = 0.0
        for kind, limit in self._limits().items():
            times = [t for (t,) in db.execute(sql("throttle.recent"), (keys[kind], now - self.window)).fetchall()]
            if len(times) >= limit:
                wait = max(wait, 1.0, self.window - (now - times[limit - 1]))
        return wait

    def begin(self, username: str, address: str) -> tuple[float, float, float]:
        """Count an attempt before its password is checked: (seconds locked, seconds to wait first, attempt stamp).

        Locked (first > 0): nothing is recorded and the password must not be checked. Otherwise the attempt already
        counts as a failure until `succeeded` takes it back, so parallel attempts see each other.
        """
        now = time.time()
        keys = _keys(username, address)
        with transaction() as db:
            if random.random() < 0.01:  # now and then: forget attempts older than the window
                db.execute(sql("throttle.prune"), (now - self.window,))
            locked = self._wait(db, keys, now)
            if locked:
                return locked, 0.0, now
            before = len(db.execute(sql("throttle.recent"), (keys["pair"], now - self.window)).fetchall())
            for key in keys.values():
                db.execute(sql("throttle.add"), (key, now))
        delay = 0.0 if before == 0 else min(self.max_delay, self.base_delay * 2 ** (before - 1))
        return 0.0, delay, now

    def locked_for(self, username: str, address: str) -> float:
        """Seconds until this username may try again from this address (0 when allowed)."""
        with transaction() as db:
            return self._wait(db, _keys(username, address), time.time())

    def delay(self, username: str, address: str) -> float:
        """Seconds to wait before checking this attempt: 0 at first, then growing with each recent failure."""
        with transaction() as db:
            n = len(db.execute(sql("throttle.recent"), (_keys(username, address)["pair"],
                                                         time.time() - self.window)).fetchall())
        return 0.0 if n == 0 else min(self.max_delay, self.base_delay * 2 ** (n - 1))

    def failed(self, username: str, address: str) -> None:
        """Record a failed attempt (one not counted by `begin`)."""
        now = time.time()
        with transaction() as db:
            for key in _keys(username, address).values():
                db.execute(sql("throttle.add"), (key, now))

    def succeeded(self, username: str, address: str, stamp: float | None = None) -> None:
        """Forget this username's failures from this address, and take back the attempt `begin` counted."""
        keys = _keys(username, address)
        with transaction() as db:
            db.execute(sql("throttle.forget_key"), (keys["pair"],))
            if stamp is not None:
                for kind in ("address", "account"):
                    db.execute(sql("throttle.forget_attempt"), (keys[kind], stamp))
