"""Made-up identities: drama-range phones, never-issued NHS numbers, DATA-MODEL's nationality mix, unique codes."""

from __future__ import annotations

import random
import re
from collections import Counter

from hbf_desktop.domain.codes import is_pseudonym_code
from hbf_desktop.domain.iso_codes import country_code, language_code
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic import people

N = 50_000


def test_nationalities_follow_the_nrm_top_five_then_a_long_tail() -> None:
    rng = random.Random(1)
    counts = Counter(people.nationality(rng) for _ in range(N))
    for code, percent in p.TOP_NATIONALITIES.items():
        assert abs(counts[code] / N - percent / 100) < 0.02, code
    others = N - sum(counts[code] for code in p.TOP_NATIONALITIES)
    assert abs(others / N - 0.38) < 0.02
    top_five = [code for code, _ in counts.most_common(5)]
    assert set(top_five) == set(p.TOP_NATIONALITIES), "the tail never outnumbers the five named nationalities"
    assert len(p.OTHER_NATIONALITIES) == len(set(p.OTHER_NATIONALITIES)) == 60


def test_every_country_and_language_is_a_valid_code() -> None:
    rng = random.Random(2)
    for code in (*p.TOP_NATIONALITIES, *p.OTHER_NATIONALITIES):
        assert country_code(code) == code
        for _ in range(5):
            language = people.first_language(rng, code)
            assert language_code(language) == language, (code, language)


def test_phones_are_only_ofcom_drama_numbers() -> None:
    rng = random.Random(3)
    for _ in range(5_000):
        numbers = people.mobiles(rng)
        assert len(numbers) == len(set(numbers)) <= 2
        assert all(re.fullmatch(r"\+447700900\d{3}", number) for number in numbers)
        assert re.fullmatch(r"\+441632960\d{3}", people.landline(rng))


def test_nhs_numbers_are_in_the_never_issued_range_with_a_valid_check_digit() -> None:
    rng = random.Random(4)
    for _ in range(2_000):
        digits = people.nhs_number(rng).replace(" ", "")
        assert digits.startswith("999") and len(digits) == 10
        total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
        assert (11 - total % 11) % 11 == int(digits[9])


def test_names_addresses_and_references_are_plainly_made_up() -> None:
    rng = random.Random(5)
    for _ in range(1_000):
        given, legal_name = people.person_name(rng)
        assert legal_name.startswith(given) and re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+){1,2}", legal_name)
        assert people.email(rng, given, legal_name).endswith(("@example.org", "@example.com", "@example.net"))
        assert people.home_office_reference(rng).startswith("SYN-HO-")
        assert people.nrm_reference(rng, 2024).startswith("SYN-NRM-2024-")
        assert people.address(rng, "Newham").endswith(", Newham")


def test_pseudonym_codes_never_repeat_and_have_the_domain_shape() -> None:
    codes = people.PseudonymCodes(random.Random(6), clients=30_000)
    made = [codes.code(index) for index in range(30_000)]
    assert len(set(made)) == len(made)
    assert all(is_pseudonym_code(code, "HB") for code in made)
    assert made[:3] == [people.PseudonymCodes(random.Random(6), clients=30_000).code(index) for index in range(3)]
    many = people.PseudonymCodes(random.Random(7), clients=600_000)
    assert len(many.code(0)) == len("HB-") + 5, "more clients than 4-character codes: one character more"
