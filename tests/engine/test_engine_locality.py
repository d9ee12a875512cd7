"""Localities: level words, agency names and the front door."""

from __future__ import annotations

import pytest

import bot

LEVELS = ["universal", "additional", "complex", "significant", "immediate"]


def test_default_is_england(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAFEGUARDING_LOCALITY", raising=False)
    locality = bot.load_locality()
    assert locality.name == "england"
    assert locality.front_door["emergency"] == "999"
    assert locality.front_door["phone"] == ""
    assert "MASH" in locality.front_door["name"]


def test_environment_chooses_the_locality(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDING_LOCALITY", "birmingham")
    assert bot.load_locality().name == "birmingham"


def test_birmingham_front_door() -> None:
    door = bot.load_locality("birmingham").front_door
    assert door["phone"] == "0121 303 1888"
    assert door["out_of_hours"] == "0121 675 4806"
    assert door["emergency"] == "999"
    assert "CASS" in door["name"]
    assert set(door) == {"name", "phone", "out_of_hours", "emergency", "notes"}


@pytest.mark.parametrize("name", ["england", "birmingham"])
def test_every_level_and_agency_has_words(name: str) -> None:
    locality = bot.load_locality(name)
    assert locality.region
    for level in LEVELS:
        assert locality.level_label(level)
        assert locality.level_meaning(level)
        assert locality.timescale(level)
    assert locality.timescale("immediate").startswith("Call 999 now")
    assert "next working day" not in locality.timescale("significant").replace(
        "not the next working day", ""
    )
    for agency in bot.load_policy().agency_ids:
        assert locality.agency_name(agency) != agency.replace("_", " ") or agency == "police"


def test_unknown_locality_names_the_available_ones() -> None:
    with pytest.raises(bot.LocalityError) as caught:
        bot.load_locality("atlantis")
    assert "birmingham" in str(caught.value)
    assert "england" in str(caught.value)
    with pytest.raises(bot.LocalityError):
        bot.load_locality("../policy/rules-v1")


def test_unknown_level_id() -> None:
    with pytest.raises(bot.LocalityError):
        bot.load_locality("england").level_label("level-3")
