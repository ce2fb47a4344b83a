"""Gunicorn's settings, read from the working folder by `gunicorn wsgi:server` (command-line flags win)."""

# 500 area codes in an API query (README) make a request line of about 6 KB; gunicorn's default of 4,094 bytes
# answered them with an HTML 414 before the app could. 8,190 is the most gunicorn allows; longer selections go by
# POST (form body) to /api/v1/data and /api/v1/downloads/<id>.csv|.parquet.
limit_request_line = 8190
limit_request_field_size = 8190
limit_request_fields = 100
