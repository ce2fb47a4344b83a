-- Earlier versions' files moved into the database, each once (statedb/migrate.py).
-- name: done
SELECT detail FROM migrations WHERE name = ?;
-- name: mark
INSERT INTO migrations (name, done_at, detail) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING;
