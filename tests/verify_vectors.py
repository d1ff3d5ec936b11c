"""The shared verify vectors (tests/fixtures/verify_vectors.yml), read once for the Python and
the browser tests, with their defaults filled in."""

from __future__ import annotations

from typing import Any

import yaml

from conftest import FIXTURES

VERIFY_VECTORS: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "verify_vectors.yml").read_text("utf-8"))


def expected_summary(vector: dict[str, Any]) -> dict[str, Any]:
    """What the answer to ``vector["input"]`` must be, in the vectors' notation."""
    return {
        "answer": vector["answer"], "reading": vector["reading"], "matches": vector["matches"],
        "similar": vector.get("similar", []), "lookalike": vector.get("lookalike", False),
        "successors": vector.get("successors", []),
        "known_email": vector.get("known_email", False),
        "own_domain": vector.get("own_domain", False),
    }
