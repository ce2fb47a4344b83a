-- Who did what, when (statedb/audit.py).
-- name: add
INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?);
-- name: recent
SELECT at, actor, action, target, detail FROM audit ORDER BY at DESC LIMIT ?;
