"""ISO country and language codes: complete lists, standard case, and the unambiguous other spellings."""

from __future__ import annotations

import re

import pytest

from hbf_desktop.domain.iso_codes import (
    countries,
    country_code,
    country_name,
    language_code,
    language_name,
    languages,
)


def test_the_lists_are_complete_and_in_standard_case() -> None:
    assert len(countries()) >= 249
    assert len(languages()) >= 7000
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in countries())
    assert all(re.fullmatch(r"[a-z]{3}", code) for code in languages())
    assert all(name.strip() == name and name for name in [*countries().values(), *languages().values()])


@pytest.mark.parametrize(
    ("code", "name"), [("ALB", "Albania"), ("VNM", "Vietnam"), ("ERI", "Eritrea"), ("SDN", "Sudan"), ("XKX", "Kosovo")]
)
def test_the_commonest_nationalities_are_there_with_plain_names(code: str, name: str) -> None:
    assert country_name(code) == name


@pytest.mark.parametrize(("code", "name"), [("sqi", "Albanian"), ("vie", "Vietnamese"), ("tir", "Tigrinya")])
def test_languages_have_names(code: str, name: str) -> None:
    assert language_name(code) == name


@pytest.mark.parametrize(
    ("written", "expected"),
    [("ALB", "ALB"), (" alb ", "ALB"), ("AL", "ALB"), ("gb", "GBR"), ("UK", "GBR"), ("XK", "XKX"), ("XXX", None)],
)
def test_country_codes_are_normalised(written: str, expected: str | None) -> None:
    assert country_code(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("sqi", "sqi"), ("SQI", "sqi"), ("sq", "sqi"), ("alb", "sqi"), ("ger", "deu"), ("en", "eng"), ("zz", None)],
)
def test_language_codes_are_normalised(written: str, expected: str | None) -> None:
    assert language_code(written) == expected


def test_an_unknown_code_is_shown_as_itself() -> None:
    assert country_name("QQQ") == "QQQ"
    assert language_name("qqq") == "qqq"
