-- Accounts (accounts/store.py).
-- name: get
SELECT username, organisation, role, password_hash, disabled FROM users WHERE username = ?;
-- name: all
SELECT username, organisation, role, password_hash, disabled FROM users ORDER BY username;
-- name: put
INSERT INTO users (username, organisation, role, password_hash, disabled, created, updated)
VALUES (?, ?, ?, ?, 0, ?, ?)
ON CONFLICT (username) DO UPDATE SET organisation = excluded.organisation, role = excluded.role,
                                     password_hash = excluded.password_hash, updated = excluded.updated;
-- name: put_missing
INSERT INTO users (username, organisation, role, password_hash, disabled, created, updated)
VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING;
-- name: set_disabled
UPDATE users SET disabled = ?, updated = ? WHERE username = ?;
-- name: remove
DELETE FROM users WHERE username = ?;
