"""The build report: every fix, rejection and check of a store build, by file and row."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BuildReport:
    """Collects notes while building; written as build_report.json beside the store."""

    fixes: list[dict] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def fix(self, file: str, row: int | None, reason: str) -> None:
        """Record a value that was normalised (kept, changed)."""
        self.fixes.append({"file": file, "row": row, "reason": reason})

    def reject(self, file: str, row: int | None, reason: str) -> None:
        """Record a row that was left out, and why."""
        self.rejections.append({"file": file, "row": row, "reason": reason})

    def check(self, name: str, passed: bool, detail: str = "") -> None:
        """Record a whole-store check; a failed one stops the build from swapping in."""
        self.checks.append({"check": name, "passed": bool(passed), "detail": detail})

    @property
    def failed_checks(self) -> list[dict]:
        """The checks that did not pass."""
        return [c for c in self.checks if not c["passed"]]

    def write(self, path: Path) -> None:
        """Write the report as JSON."""
        body = {"summary": self.summary, "checks": self.checks, "fixes": self.fixes, "rejections": self.rejections}
        path.write_text(json.dumps(body, indent=1, default=str), encoding="utf-8")
