-- Each facility category with its label and how many points it has.
SELECT category, any_value(category_label) AS category_label, COUNT(*) AS n
FROM points_t GROUP BY category ORDER BY category_label
