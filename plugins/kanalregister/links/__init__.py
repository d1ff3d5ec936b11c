"""The external link check: what to check, fetching, verdicts, the cache and the report."""
