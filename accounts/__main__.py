"""Command line: `python -m accounts create-admin|add-user|set-password|remove-user|list`."""

from __future__ import annotations

import argparse
import getpass
import sys

from accounts.models import ROLES, AccountError
from accounts.store import get_user, is_disabled, list_users, remove_user, save_user, set_disabled, users_path


def _password(args) -> str:
    """From standard input (--password-stdin, first line) or asked twice at the terminal."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (at least 12 characters): ")
    if getpass.getpass("Same password again: ") != first:
        raise AccountError("The two passwords differ.")
    return first


def main(argv: list[str] | None = None) -> int:
    """Run one command; exit 1 with a message on bad input."""
    parser = argparse.ArgumentParser(prog="python -m accounts", description="Manage observatory accounts.")
    sub = parser.add_subparsers(dest="command", required=True)
    admin = sub.add_parser("create-admin", help="create an administrator (or reset one's password)")
    admin.add_argument("--username", required=True)
    admin.add_argument("--organisation", default="Trafford Data Observatory")
    add = sub.add_parser("add-user", help="create a user, or change one's organisation and role")
    add.add_argument("--username", required=True)
    add.add_argument("--organisation", required=True)
    add.add_argument("--role", choices=ROLES, default="partner")
    pw = sub.add_parser("set-password", help="set a user's password")
    pw.add_argument("--username", required=True)
    for p in (admin, add, pw):
        p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    rm = sub.add_parser("remove-user", help="delete a user (their sessions end)")
    rm.add_argument("--username", required=True)
    for verb, text in (("disable-user", "disable a user: their sessions end and sign-in is refused"),
                       ("enable-user", "let a disabled user sign in again")):
        sub.add_parser(verb, help=text).add_argument("--username", required=True)
    sub.add_parser("list", help="list users (never passwords)")
    args = parser.parse_args(argv)
    try:
        if args.command == "create-admin":
            user = save_user(args.username, args.organisation, "admin", _password(args))
        elif args.command in ("disable-user", "enable-user"):
            if not set_disabled(args.username, args.command == "disable-user"):
                raise AccountError(f"No user {args.username!r}.")
            print(f"{args.command.split('-')[0].capitalize()}d {args.username}.")
            return 0
        elif args.command == "add-user":
            existing = get_user(args.username, include_disabled=True)
            user = save_user(args.username, args.organisation, args.role, None if existing else _password(args))
        elif args.command == "set-password":
            existing = get_user(args.username, include_disabled=True)
            if existing is None:
                raise AccountError(f"No user {args.username!r}.")
            user = save_user(existing.username, existing.organisation, existing.role, _password(args))
        elif args.command == "remove-user":
            if not remove_user(args.username):
                raise AccountError(f"No user {args.username!r}.")
            print(f"Removed {args.username}.")
            return 0
        else:
            for u in list_users():
                print(f"{u.username}\t{u.role}\t{u.organisation}" + ("\tdisabled" if is_disabled(u.username) else ""))
            return 0
    except AccountError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    print(f"Saved {user.username} ({user.role}, {user.organisation}) in {users_path()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
