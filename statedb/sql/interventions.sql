-- The intervention register's versions (interventions/store.py).
-- name: count
SELECT count(*) FROM interventions;
-- name: log
SELECT intervention_id, version, action, changed_by, changed_at, fields FROM interventions ORDER BY seq;
-- name: versions
SELECT intervention_id, version, action, changed_by, changed_at, fields FROM interventions
WHERE intervention_id = ? ORDER BY version;
-- name: add
INSERT INTO interventions (seq, intervention_id, version, action, changed_by, changed_at, organisation, fields)
VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM interventions), ?, ?, ?, ?, ?, ?, ?);
-- name: add_missing
INSERT INTO interventions (seq, intervention_id, version, action, changed_by, changed_at, organisation, fields)
VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM interventions), ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (intervention_id, version) DO NOTHING;
