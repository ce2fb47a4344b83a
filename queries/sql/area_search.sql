-- Areas whose name or code matches text: the code (0), the name's start (1), inside the name or a code's start (2),
-- else a near spelling of the name or of one of its words (3, "old traford"), Trafford's areas first in each.
WITH scored AS (
    SELECT area_code, area_name, level, la_code,
        CASE WHEN upper(area_code) = upper($q) THEN 0
             WHEN lower(area_name) LIKE $q || '%' THEN 1
             WHEN lower(area_name) LIKE '%' || $q || '%' OR upper(area_code) LIKE upper($q) || '%' THEN 2
             ELSE 3 END AS match_rank,
        greatest(jaro_winkler_similarity(lower(area_name), $q),
                 list_max(list_transform(string_split(lower(area_name), ' '),
                                         w -> jaro_winkler_similarity(w, $q)))) AS similarity
    FROM areas_t
)
SELECT area_code, area_name, level, match_rank, similarity
FROM scored
WHERE match_rank < 3 OR (length($q) >= 4 AND similarity >= $near)
ORDER BY match_rank, CASE WHEN match_rank = 3 THEN -similarity ELSE 0 END,
    CASE WHEN la_code = 'E08000009' THEN 0 ELSE 1 END, area_name, level
LIMIT $limit
