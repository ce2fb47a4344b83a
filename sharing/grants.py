"""Who may write into which indicator: a partner into one their organisation made, or into an official one only
when an administrator has granted it. `python -m sharing.grants grant|revoke|list`."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from accounts.models import User
from statedb import read, sql, transaction


def grant(organisation: str, indicator_id: str, granted_by: str) -> None:
    """Let an organisation's partners upload into an official indicator."""
    with transaction() as db:
        db.execute(sql("grants.put"), (organisation, indicator_id, granted_by,
                                       datetime.now(UTC).isoformat(timespec="seconds")))


def revoke(organisation: str, indicator_id: str) -> bool:
    """Take a grant back; False if there was none."""
    with transaction() as db:
        return db.execute(sql("grants.remove"), (organisation, indicator_id)).rowcount > 0


def granted(organisation: str, indicator_id: str) -> bool:
    """Whether an administrator let this organisation write into the indicator."""
    return bool(read(sql("grants.get"), (organisation, indicator_id)))


def list_grants() -> list[tuple[str, str, str, str]]:
    """Every grant as (organisation, indicator, granted by, when)."""
    return [tuple(r) for r in read(sql("grants.all"))]


def partner_made() -> dict[str, str]:
    """Each indicator a partner batch created, with the organisation that created it (the first batch wins)."""
    from sharing.batches import list_batches

    made: dict[str, str] = {}
    for batch in sorted(list_batches(), key=lambda b: b.uploaded_at):
        if batch.new_indicator:
            made.setdefault(batch.new_indicator, batch.organisation)
    return made


def may_write(user: User | None, indicator_id: str, made: dict[str, str] | None = None) -> bool:
    """Whether the user may upload values into the indicator."""
    if user is None or user.role not in ("partner", "admin"):
        return False
    if user.is_admin:
        return True
    made = partner_made() if made is None else made
    if indicator_id in made:
        return made[indicator_id] == user.organisation
    return granted(user.organisation, indicator_id)


def main(argv: list[str] | None = None) -> int:
    """Grant, revoke or list; exit 1 with a message on a missing grant."""
    parser = argparse.ArgumentParser(prog="python -m sharing.grants", description=__doc__.split(".")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for verb in ("grant", "revoke"):
        p = sub.add_parser(verb)
        p.add_argument("--organisation", required=True)
        p.add_argument("--indicator", required=True)
    sub.add_parser("list")
    args = parser.parse_args(argv)
    if args.command == "grant":
        grant(args.organisation, args.indicator, "command line")
    elif args.command == "revoke" and not revoke(args.organisation, args.indicator):
        print(f"Error: no grant of {args.indicator!r} to {args.organisation!r}.", file=sys.stderr)
        return 1
    elif args.command == "list":
        for row in list_grants():
            print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
