"""Pseudonym codes and CTDC age bands."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from hbf_desktop.domain import vocabularies
from hbf_desktop.domain.codes import PSEUDONYM_ALPHABET, age_band, is_pseudonym_code, new_pseudonym_code


def test_codes_look_like_the_example_and_avoid_look_alikes() -> None:
    for _ in range(200):
        code = new_pseudonym_code()
        assert re.fullmatch(r"HB-[A-Z0-9]{4}", code)
        assert not set(code[3:]) & set("0O1IL2Z5S")
        assert is_pseudonym_code(code, prefix="HB")
    assert set(PSEUDONYM_ALPHABET).isdisjoint("0O1IL")


def test_the_prefix_and_length_are_configurable_and_checked() -> None:
    assert re.fullmatch(r"LON-[A-Z0-9]{6}", new_pseudonym_code("LON", 6))
    with pytest.raises(ValueError, match="at least 4"):
        new_pseudonym_code(length=3)
    with pytest.raises(ValueError, match="prefix"):
        new_pseudonym_code("hb")


def test_a_seeded_generator_gives_the_same_codes_and_secrets_do_not_repeat() -> None:
    first = [new_pseudonym_code(rng=random.Random(7)) for _ in range(3)]
    assert first == [new_pseudonym_code(rng=random.Random(7)) for _ in range(3)]
    assert new_pseudonym_code(rng=random.Random(7)) != new_pseudonym_code(rng=random.Random(8))
    assert len({new_pseudonym_code(length=10) for _ in range(100)}) == 100


def test_codes_already_taken_are_skipped() -> None:
    rng = random.Random(1)
    taken = {new_pseudonym_code(rng=random.Random(1))}
    code = new_pseudonym_code(rng=rng, taken=taken.__contains__)
    assert code not in taken and is_pseudonym_code(code)
    with pytest.raises(ValueError, match="longer codes"):
        new_pseudonym_code(taken=lambda _: True)


@pytest.mark.parametrize("text", ["HB-7K3", "HB-7K3O", "hb-7K3Q", "HB7K3Q", "-7K3Q"])
def test_malformed_codes_are_recognised(text: str) -> None:
    assert not is_pseudonym_code(text)


@pytest.mark.parametrize(
    ("birth_year", "birth_month", "on_date", "band"),
    [
        (2000, 1, date(2018, 2, 1), "18_20"),  # turned 18 last month
        (2000, 2, date(2018, 2, 28), "9_17"),  # may turn 18 later this month: treated as 17
        (2000, 3, date(2018, 2, 1), "9_17"),
        (2000, None, date(2018, 12, 31), "9_17"),  # month unknown: the younger age
        (2000, None, date(2019, 1, 1), "18_20"),
        (1990, 6, date(2024, 7, 1), "30_38"),
        (1976, 1, date(2024, 3, 1), "48_plus"),
        (2024, 1, date(2024, 3, 1), "0_8"),
    ],
)
def test_age_bands(birth_year: int, birth_month: int | None, on_date: date, band: str) -> None:
    assert age_band(birth_year, birth_month, on_date) == band


def test_every_age_falls_in_its_own_band() -> None:
    for age in range(0, 100):
        band = age_band(2000 - age, 1, date(2000, 6, 1))
        low, _, high = band.partition("_")
        assert band in vocabularies.AGE_BAND
        assert int(low) <= age and (high == "plus" or age <= int(high)), (age, band)


def test_impossible_births_are_refused() -> None:
    with pytest.raises(ValueError, match="after"):
        age_band(2030, 1, date(2024, 1, 1))
    with pytest.raises(ValueError, match="month"):
        age_band(2000, 13, date(2024, 1, 1))
