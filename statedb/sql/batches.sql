-- Partner batches' records (sharing/batches.py).
-- name: all
SELECT record FROM batches ORDER BY seq;
-- name: get
SELECT record FROM batches WHERE batch_id = ?;
-- name: add
INSERT INTO batches (batch_id, seq, organisation, status, record)
VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM batches), ?, ?, ?);
-- name: add_missing
INSERT INTO batches (batch_id, seq, organisation, status, record)
VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM batches), ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING;
-- name: put
UPDATE batches SET organisation = ?, status = ?, record = ? WHERE batch_id = ?;
