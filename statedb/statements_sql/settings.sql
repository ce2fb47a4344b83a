-- Settings made once and shared by every process (accounts/secret.py).
-- name: put_missing
INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING;
-- name: get
SELECT value FROM settings WHERE name = ?;
