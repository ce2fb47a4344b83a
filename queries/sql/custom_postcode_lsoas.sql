-- The 2021 LSOA of each of a list of whole postcodes (keys without spaces, 'M154AB'): postcodes only pick areas,
-- and only their LSOAs leave this query's caller.
SELECT postcode_key, lsoa_2021
FROM postcodes_t
WHERE list_contains($keys, postcode_key) AND lsoa_2021 IS NOT NULL
