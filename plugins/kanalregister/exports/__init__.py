"""Machine-readable outputs: open data (JSON, CSV, the verify index) and the Atom feed."""
