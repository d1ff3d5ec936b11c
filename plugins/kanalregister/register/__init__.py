"""The domain: channel and organisation models, platforms, canonical URLs, loading,
the resolved catalog, the review rule, the JSON schema and each file's history."""
