-- Signed-in sessions kept on the server (accounts/session_store.py).
-- name: create
INSERT INTO sessions (id, username, created, seen) VALUES (?, ?, ?, ?);
-- name: get
SELECT username, created, seen FROM sessions WHERE id = ?;
-- name: touch
UPDATE sessions SET seen = ? WHERE id = ?;
-- name: remove
DELETE FROM sessions WHERE id = ?;
-- name: remove_user
DELETE FROM sessions WHERE username = ?;
-- name: count_user
SELECT count(*) FROM sessions WHERE username = ?;
-- name: count_all
SELECT count(*) FROM sessions;
-- name: prune
DELETE FROM sessions WHERE seen < ? OR created < ?;
