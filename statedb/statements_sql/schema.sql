-- The run-time state: one schema both SQLite and PostgreSQL take (portable types, IF NOT EXISTS, no serials).
-- Times are epoch seconds (DOUBLE PRECISION) where they are compared, ISO 8601 UTC text where they are shown.
CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, organisation TEXT NOT NULL, role TEXT NOT NULL,
                                  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
                                  created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, username TEXT NOT NULL, created DOUBLE PRECISION NOT NULL,
                                     seen DOUBLE PRECISION NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (username);
-- one row per sign-in attempt not yet known to have succeeded; key is 'user:NAME|ADDRESS', 'address:ADDRESS' or
-- 'account:NAME'
CREATE TABLE IF NOT EXISTS throttle (key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL);
CREATE INDEX IF NOT EXISTS throttle_key ON throttle (key, at);
CREATE TABLE IF NOT EXISTS grants (organisation TEXT NOT NULL, indicator_id TEXT NOT NULL, granted_by TEXT NOT NULL,
                                   granted_at TEXT NOT NULL, PRIMARY KEY (organisation, indicator_id));
-- the intervention register: every version of every intervention (create, edit, delete), never overwritten;
-- seq is the order written (writers are serialised, so max(seq) + 1 is safe)
CREATE TABLE IF NOT EXISTS interventions (seq INTEGER NOT NULL UNIQUE, intervention_id TEXT NOT NULL, version INTEGER NOT NULL,
                                          action TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
                                          organisation TEXT NOT NULL, fields TEXT NOT NULL,
                                          PRIMARY KEY (intervention_id, version));
-- who did what, when: account changes, sign-ins, register and batch writes
CREATE TABLE IF NOT EXISTS audit (at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
                                  detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
-- earlier versions' JSON and parquet files moved in, each once
CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, done_at TEXT NOT NULL, detail TEXT NOT NULL);
-- partner batches: one row each, the record as JSON (sharing/batches.py); the uploaded files stay in the state
-- folder, and batches/manifest.json is a snapshot written in the same transaction for the store's build
CREATE TABLE IF NOT EXISTS batches (batch_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, organisation TEXT NOT NULL,
                                    status TEXT NOT NULL, record TEXT NOT NULL);
-- custom areas saved by partners (sharing/saved_areas.py): append-only, one row per version, the record as JSON
CREATE TABLE IF NOT EXISTS saved_areas (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, organisation TEXT NOT NULL,
                                        name TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS saved_areas_org ON saved_areas (organisation, name);
-- uploaded files waiting to pass validation (pages/_upload_pending.py); content is the file as base64 (one type
-- both databases take), forgotten a day after it was saved
CREATE TABLE IF NOT EXISTS pending_uploads (token TEXT PRIMARY KEY, username TEXT NOT NULL, filename TEXT NOT NULL,
                                            saved DOUBLE PRECISION NOT NULL, content TEXT NOT NULL);
-- settings made once and shared by every process: the key that signs session cookies
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
-- named locks held across processes and hosts on SQLite (statedb/locks.py; PostgreSQL uses an advisory lock):
-- the holder's host and pid say when it has died, the lease when it stopped renewing
CREATE TABLE IF NOT EXISTS locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,
                                  expires DOUBLE PRECISION NOT NULL);
