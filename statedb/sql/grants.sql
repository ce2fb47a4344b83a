-- Which organisation may write into which official indicator (sharing/grants.py).
-- name: put
INSERT INTO grants (organisation, indicator_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
ON CONFLICT (organisation, indicator_id) DO UPDATE SET granted_by = excluded.granted_by,
                                                       granted_at = excluded.granted_at;
-- name: remove
DELETE FROM grants WHERE organisation = ? AND indicator_id = ?;
-- name: get
SELECT 1 FROM grants WHERE organisation = ? AND indicator_id = ?;
-- name: all
SELECT organisation, indicator_id, granted_by, granted_at FROM grants ORDER BY organisation, indicator_id;
