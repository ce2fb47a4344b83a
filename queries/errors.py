"""The error a query raises for a request it cannot answer (unknown indicator, level, period or code)."""


class QueryError(ValueError):
    """A clear, user-facing reason a query was not run."""
