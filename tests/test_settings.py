"""Option defaults live in Settings only; plugin and CLI read options through one function."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from kanalregister.plugin import PluginConfig
from kanalregister.settings import TODAY_ENV, Settings, SettingsError, from_options, parse_today


def test_left_out_options_take_the_defaults_of_settings(tmp_path: Path) -> None:
    settings = from_options({}, base_dir=tmp_path, today=date(2026, 1, 2))
    defaults = Settings(base_dir=tmp_path, channels_dir=tmp_path / "channels",
                        today=date(2026, 1, 2))
    assert settings == defaults


def test_the_plugin_config_states_no_default_of_its_own() -> None:
    config = PluginConfig()
    config.load_dict({})
    assert not config.validate()[0]
    names = {f.name for f in fields(Settings)}
    own = {key: value for key, value in config.items() if key in names and value is not None}
    assert own == {}


def test_options_are_converted(tmp_path: Path) -> None:
    settings = from_options({"review_warn_months": "6", "channels_dir": "register",
                             "show_reviews": False}, base_dir=tmp_path)
    assert (settings.review_warn_months, settings.show_reviews) == (6, False)
    assert settings.channels_dir == (tmp_path / "register").resolve()


def test_the_reference_date_comes_from_argument_environment_option(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    options = {"today": "2020-01-01"}
    monkeypatch.delenv(TODAY_ENV, raising=False)
    assert from_options(options, base_dir=tmp_path).today == date(2020, 1, 1)
    monkeypatch.setenv(TODAY_ENV, "2021-02-03")
    assert from_options(options, base_dir=tmp_path).today == date(2021, 2, 3)
    assert from_options(options, base_dir=tmp_path, today=date(2022, 3, 4)).today == date(
        2022, 3, 4)


def test_a_bad_date_is_refused_with_its_source() -> None:
    assert parse_today("") is None
    with pytest.raises(SettingsError, match="--today must be YYYY-MM-DD, not '1.2.2026'"):
        parse_today("1.2.2026", source="--today")
