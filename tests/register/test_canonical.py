"""The canonical form of profile URLs and handles, driven by the shared test vectors."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import FIXTURES
from kanalregister.register.canonical import (
    Canonical,
    UrlProblem,
    account_slug,
    canonicalize,
    handle_candidates,
    profile_url,
)
from kanalregister.register.platforms import PlatformRegistry, load_registry

VECTORS_FILE = FIXTURES / "url_vectors.yml"
VECTORS: list[dict[str, Any]] = yaml.safe_load(VECTORS_FILE.read_text(encoding="utf-8"))
PROBLEM_CODES = {"not-a-url", "bad-scheme", "unknown-host", "not-a-profile", "ambiguous-handle"}
RESULT_KEYS = {"platform", "account", "url", "scheme"}
ALLOWED_KEYS = {"input", "problem", "candidates", "website_hosts", "note"} | RESULT_KEYS


@pytest.fixture(scope="module")
def registry() -> PlatformRegistry:
    return load_registry()


def _vector_id(vector: dict[str, Any]) -> str:
    return repr(vector["input"])[:70]


@pytest.mark.parametrize("vector", VECTORS, ids=[_vector_id(v) for v in VECTORS])
def test_vector(vector: dict[str, Any], registry: PlatformRegistry) -> None:
    hosts = vector.get("website_hosts", [])
    result = canonicalize(vector["input"], registry, website_hosts=hosts)
    if "platform" in vector:
        expected = {key: vector[key] for key in RESULT_KEYS}
        assert isinstance(result, Canonical), result
        assert vars(result) == expected
    if "problem" in vector:
        assert isinstance(result, UrlProblem), result
        assert result.code == vector["problem"], result.message
        assert result.message and result.hint
    if "candidates" in vector:
        expected_candidates = [(c["platform"], c["account"]) for c in vector["candidates"]]
        assert handle_candidates(vector["input"], registry) == expected_candidates


def test_vectors_are_well_formed() -> None:
    """The JavaScript port reads the same file, so its shape is checked here once."""
    assert len(VECTORS) >= 80
    for vector in VECTORS:
        assert set(vector) <= ALLOWED_KEYS, vector
        assert isinstance(vector["input"], str)
        outcomes = [key in vector for key in ("platform", "problem", "candidates")]
        assert any(outcomes), vector
        assert not ("platform" in vector and "problem" in vector), vector
        if "platform" in vector:
            assert set(vector) >= RESULT_KEYS, vector
            assert all(isinstance(vector[key], str) for key in RESULT_KEYS), vector
        if "problem" in vector:
            assert vector["problem"] in PROBLEM_CODES, vector


def test_vectors_cover_every_platform_and_problem(registry: PlatformRegistry) -> None:
    platforms = {v["platform"] for v in VECTORS if "platform" in v}
    assert platforms == set(registry.ids())
    assert {v["problem"] for v in VECTORS if "problem" in v} == PROBLEM_CODES
    assert {v["scheme"] for v in VECTORS if "scheme" in v} == {"https", "http", ""}


def test_website_hosts_from_registry(registry: PlatformRegistry) -> None:
    with_hosts = registry.with_website_hosts(["www.Musterstadt.example"])
    result = canonicalize("https://musterstadt.example/podcast/", with_hosts)
    assert result == Canonical(
        "website", "musterstadt.example/podcast", "https://musterstadt.example/podcast", "https"
    )
    assert isinstance(canonicalize("https://musterstadt.example/", registry), UrlProblem)


def test_canonical_url_is_its_own_canonical_form(registry: PlatformRegistry) -> None:
    for vector in VECTORS:
        if "url" not in vector:
            continue
        # The canonical URL alone must name the platform; only the site needs its hosts.
        hosts = vector.get("website_hosts", []) if vector["platform"] == "website" else []
        again = canonicalize(vector["url"], registry, website_hosts=hosts)
        assert isinstance(again, Canonical), vector
        assert (again.platform, again.account, again.url, again.scheme) == (
            vector["platform"], vector["account"], vector["url"], "https"
        )


def test_every_platform_example_is_a_profile(registry: PlatformRegistry) -> None:
    for platform in registry.platforms.values():
        assert platform.example, platform.id
        result = canonicalize(platform.example, registry, website_hosts=["musterstadt.example"])
        assert isinstance(result, Canonical), (platform.id, result)
        assert result.platform == platform.id
        assert result.url == platform.example
        assert profile_url(platform, result.account) == platform.example


@pytest.mark.parametrize(
    ("platform", "account", "slug"),
    [
        ("mastodon", "musterstadt@social.musterstadt.example",
         "mastodon-musterstadt-social-musterstadt-example"),
        ("youtube", "@musterstadt", "youtube-musterstadt"),
        ("youtube", "channel/UCaBcDeFgHiJkLmNoPqRsTuV", "youtube-channel-ucabcdefghijklmnopqrstuv"),
        ("facebook", "profile.php?id=100064123456789", "facebook-profile-php-id-100064123456789"),
        ("instagram", "stadt.musterstadt_", "instagram-stadt-musterstadt"),
        ("linkedin", "company/stadt-musterstadt", "linkedin-company-stadt-musterstadt"),
        ("website", "musterstadt.example/Blog/", "website-musterstadt-example-blog"),
        ("x", "__Muster__", "x-muster"),
    ],
)
def test_account_slug(platform: str, account: str, slug: str) -> None:
    assert account_slug(platform, account) == slug


def test_slugs_of_all_vectors_are_clean() -> None:
    for vector in VECTORS:
        if "account" in vector:
            slug = account_slug(vector["platform"], vector["account"])
            assert slug.startswith(vector["platform"] + "-")
            assert slug == slug.strip("-") and "--" not in slug
            assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
