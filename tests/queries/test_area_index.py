"""The area index behind every code check and comparator chain: lookups, parents, levels of a code."""

import pandas as pd
import pytest

from queries.catalog_cache import AreaIndex

AREAS = pd.DataFrame({
    "area_code": ["E92000001", "E08000009", "E05015239", "E01006001", "E01006001", "E05000819"],
    "level": ["england", "la", "ward_2023", "lsoa_2011", "lsoa_2021", "ward_2022"],
    "parent_code": [None, "E92000001", "E08000009", "E05000819", "E05015239", "E08000009"],
    "parent_level": [None, "england", "la", "ward_2022", "ward_2023", "la"],
})


@pytest.mark.parametrize("strings", ["object", "str"])
def test_parents_levels_and_unknown_areas(strings):
    index = AreaIndex(AREAS.astype({c: strings for c in AREAS.columns}))
    assert len(index) == 6
    assert index.get(("E01006001", "lsoa_2021")) == ("E05015239", "ward_2023")
    assert index.get(("E01006001", "lsoa_2011")) == ("E05000819", "ward_2022")
    assert index[("E92000001", "england")] is None and ("E92000001", "england") in index
    assert index.get(("E01006001", "ward_2023")) is None and ("E01006001", "ward_2023") not in index
    assert ("E01006001", "no_such_level") not in index and ("E0100600", "lsoa_2021") not in index
    assert index.levels_of("E01006001") == ["lsoa_2011", "lsoa_2021"]
    assert index.levels_of("E0100600") == [] and index.levels_of("E99999999") == []
    with pytest.raises(KeyError):
        index[("E99999999", "la")]


def test_an_empty_table_knows_no_areas():
    index = AreaIndex(AREAS.iloc[0:0])
    assert len(index) == 0 and ("E92000001", "england") not in index and index.levels_of("E92000001") == []
