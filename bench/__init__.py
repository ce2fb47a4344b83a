"""The benchmark: a synthetic England-scale store and timings of the query layer against it (`make bench`)."""
