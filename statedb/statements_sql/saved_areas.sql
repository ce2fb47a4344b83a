-- Custom areas saved by partners (sharing/saved_areas.py).
-- name: of_name
SELECT record FROM saved_areas WHERE organisation = ? AND name = ? ORDER BY seq;
-- name: of_organisation
SELECT record FROM saved_areas WHERE organisation = ? ORDER BY seq;
-- name: add
INSERT INTO saved_areas (id, seq, organisation, name, record)
VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM saved_areas), ?, ?, ?) ON CONFLICT (id) DO NOTHING;
