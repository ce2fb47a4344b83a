"""Partner accounts: users, password hashes, sessions, CSRF, sign-in throttling and role checks.

`from accounts import current_user, can_edit_register, require_role, init_accounts`.
"""

from accounts.install import init_accounts
from accounts.models import ROLES, User
from accounts.permissions import can_edit_register, can_upload, require_role
from accounts.sessions import current_user

__all__ = ["ROLES", "User", "can_edit_register", "can_upload", "current_user", "init_accounts", "require_role"]
