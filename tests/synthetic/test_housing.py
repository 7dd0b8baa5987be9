"""Accommodation moves: 0.35 a client-year, 60 % unplanned under high risk (DATA-MODEL.md "Relocations")."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.housing import Housing, Move, first_housing, moves
from hbf_desktop.synthetic.risk import Assessment

FIRST, LAST = date(2020, 1, 1), date(2024, 12, 31)
YEARS = ((LAST - FIRST).days + 1) / 365.2425


def _moves(level: str, clients: int, seeking_asylum: bool = False) -> list[Move]:
    rng = random.Random(1)
    risk = [Assessment(FIRST, level, {"re_trafficking": level}, FIRST + timedelta(days=90))]
    found: list[Move] = []
    for _ in range(clients):
        found += moves(rng, Housing("private_rented", "Newham", seeking_asylum), FIRST, LAST, risk)
    return found


def test_moves_come_at_0_35_a_client_year() -> None:
    clients = 6_000
    found = _moves("low", clients)
    assert abs(len(found) / (clients * YEARS) - p.MOVES_PER_YEAR) < 0.01
    assert all(FIRST <= move.on <= LAST for move in found)


def test_high_risk_makes_60_percent_of_moves_unplanned() -> None:
    high, low = _moves("high", 3_000), _moves("low", 3_000)
    assert abs(sum(not move.planned for move in high) / len(high) - p.UNPLANNED_WHEN_HIGH) < 0.03
    assert abs(sum(not move.planned for move in low) / len(low) - p.UNPLANNED_OTHERWISE) < 0.03


def test_each_move_starts_where_the_last_ended_and_asylum_housing_is_for_asylum_seekers() -> None:
    rng = random.Random(2)
    home = first_housing(rng, "uk_national", "Newham")
    risk = [Assessment(FIRST, "high", {"re_trafficking": "high"}, FIRST)]
    for _ in range(300):
        for move in moves(rng, home, FIRST, LAST, risk):
            assert move.to_type not in ("asylum_hotel", "asylum_dispersal", "detention")
            assert move.reason in (
                ("risk_from_exploiters", "unsuitable_conditions", "safeguarding")
                if not move.planned
                else ("decision_driven", "client_choice", "unsuitable_conditions", "msvcc_exit")
            )
    chain = _moves("high", 50, seeking_asylum=True)
    assert any(move.to_type.startswith("asylum") for move in chain)
    rng = random.Random(3)
    home = Housing("asylum_hotel", "Croydon", True)
    found = moves(rng, home, FIRST, LAST + timedelta(days=3650), risk)
    for earlier, later in zip(found, found[1:], strict=False):
        assert later.from_type == earlier.to_type and later.from_area == earlier.to_area
