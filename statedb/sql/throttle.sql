-- Sign-in attempts per account, per address and per both (accounts/throttle.py).
-- name: recent
SELECT at FROM throttle WHERE key = ? AND at > ? ORDER BY at DESC;
-- name: add
INSERT INTO throttle (key, at) VALUES (?, ?);
-- name: forget_key
DELETE FROM throttle WHERE key = ?;
-- name: forget_attempt
DELETE FROM throttle WHERE key = ? AND at = ?;
-- name: prune
DELETE FROM throttle WHERE at < ?;
