-- Uploaded files waiting to pass validation (pages/_upload_pending.py).
-- name: add
INSERT INTO pending_uploads (token, username, filename, saved, content) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (token) DO NOTHING;
-- name: get
SELECT username, filename, saved, content FROM pending_uploads WHERE token = ?;
-- name: remove
DELETE FROM pending_uploads WHERE token = ?;
-- name: forget_old
DELETE FROM pending_uploads WHERE saved < ?;
