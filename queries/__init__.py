"""The query layer: the only code that runs SQL. Functions are named after what they return."""

from queries import export, geometry, opendata
from queries.areas import area, areas_of_level, children, comparator_chain, search_areas
from queries.catalogue import indicator, indicators, indicators_by_theme, search_indicators
from queries.errors import QueryError
from queries.profile import (
    area_all_series,
    area_level_stats,
    area_lsoa_deciles,
    area_ranks,
    area_vintage_links,
)
from queries.values import area_latest, area_rank, area_series, level_stats, level_values, series

__all__ = ["QueryError", "area", "area_all_series", "area_latest", "area_level_stats", "area_lsoa_deciles",
           "area_ranks", "area_vintage_links", "area_rank", "area_series", "areas_of_level", "children",
           "comparator_chain", "export", "geometry", "indicator", "indicators", "indicators_by_theme", "level_stats", "level_values",
           "opendata", "search_areas", "search_indicators", "series"]
