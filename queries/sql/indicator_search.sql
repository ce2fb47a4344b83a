-- Indicators matching free text, best first: name hits outrank theme, definition and publisher hits;
-- Jaro-Winkler similarity of the words forgives small typos.
WITH scored AS (
    SELECT *,
        (CASE WHEN lower(name) LIKE '%' || $q || '%' THEN 4 ELSE 0 END
         + CASE WHEN lower(theme_name) LIKE '%' || $q || '%' THEN 2 ELSE 0 END
         + CASE WHEN lower(definition) LIKE '%' || $q || '%' THEN 1.5 ELSE 0 END
         + CASE WHEN lower(publisher) LIKE '%' || $q || '%' THEN 1 ELSE 0 END
         + list_max(list_transform(string_split_regex(lower(name || ' ' || theme_name), '[^a-z0-9]+'),
                                   w -> jaro_winkler_similarity(w, $q))) ) AS score
    FROM indicators_t
)
SELECT * FROM scored
WHERE score >= 0.88
ORDER BY score DESC, name
LIMIT $limit
