-- Named locks on SQLite (statedb/locks.py).
-- name: get
SELECT holder, host, pid, expires FROM locks WHERE name = ?;
-- name: take
INSERT INTO locks (name, holder, host, pid, expires) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, host = excluded.host, pid = excluded.pid,
                                 expires = excluded.expires;
-- name: renew
UPDATE locks SET expires = ? WHERE name = ? AND holder = ?;
-- name: release
DELETE FROM locks WHERE name = ? AND holder = ?;
