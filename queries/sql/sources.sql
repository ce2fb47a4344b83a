-- Every raw file the store was built from, with publisher, licence and provenance.
SELECT * FROM sources_t ORDER BY source_path
