"""NRM paths: shares and waits of DATA-MODEL.md "NRM", date order, and censoring at the period end."""

from __future__ import annotations

import random
import statistics
from datetime import date, timedelta

import pytest

from hbf_desktop.domain.vocabularies import CG_OUTCOME, MSVCC_PHASE, RG_OUTCOME
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import Period, add_working_days, is_working_day
from hbf_desktop.synthetic.nrm import NrmPath, draw_nrm

N = 40_000
UNCENSORED = Period(date(2000, 1, 1), date(2090, 1, 1))


def _paths(woman: bool, period: Period = UNCENSORED, n: int = N) -> list[NrmPath | None]:
    rng = random.Random(1 + woman)
    return [draw_nrm(rng, date(2001, 1, 1) + timedelta(days=index % 365), woman, period) for index in range(n)]


@pytest.fixture(scope="module")
def men() -> list[NrmPath]:
    return [path for path in _paths(False) if path is not None]


def _days(earlier: date | None, later: date | None) -> int:
    assert earlier is not None and later is not None
    return (later - earlier).days


def _share(hits: int, total: int) -> float:
    assert total > 1_000
    return hits / total


def test_record_route_and_outcome_shares(men: list[NrmPath]) -> None:
    assert abs(_share(len(men), N) - p.NRM_SHARE) < 0.02
    assert abs(_share(sum(path.route == "none" for path in men), N) - p.CONSENT_WITHHELD_SHARE) < 0.005
    referred = [path for path in men if path.route == "nrm"]
    assert all(path.rg_outcome in RG_OUTCOME and path.rg_outcome != "pending" for path in referred)
    assert abs(_share(sum(path.rg_outcome == "positive" for path in referred), len(referred)) - p.RG_POSITIVE) < 0.02
    decided = [path for path in referred if path.cg_outcome not in (None, "pending")]
    assert all(path.cg_outcome in CG_OUTCOME for path in decided)
    assert abs(_share(sum(path.cg_outcome == "positive" for path in decided), len(decided)) - p.CG_POSITIVE) < 0.02


def test_half_of_rg_decisions_within_five_working_days(men: list[NrmPath]) -> None:
    decided = [(path.referral, path.rg_date) for path in men if path.rg_date is not None and path.referral]
    fast = sum(decision <= add_working_days(referral, 5) for referral, decision in decided)
    assert abs(_share(fast, len(decided)) - p.RG_FAST_SHARE) < 0.02
    assert all(0 < (decision - referral).days <= 368 and is_working_day(decision) for referral, decision in decided)


@pytest.mark.parametrize(("woman", "median"), [(False, 526), (True, 904)])
def test_rg_to_cg_waits_have_the_published_medians(woman: bool, median: int) -> None:
    paths = [path for path in _paths(woman, n=20_000) if path is not None and path.cg_date is not None]
    waits = [_days(path.rg_date, path.cg_date) for path in paths]
    assert min(waits) >= p.CG_MIN_DAYS
    assert statistics.median(waits) == pytest.approx(median, rel=0.03)


def test_reconsideration_and_move_on(men: list[NrmPath]) -> None:
    negative = [path for path in men if path.cg_outcome == "negative"]
    reconsidered = [path for path in negative if path.reconsideration_requested is not None]
    assert abs(_share(len(reconsidered), len(negative)) - p.RECONSIDERATION_SHARE) < 0.02
    overturned = sum(path.reconsideration_outcome == "overturned" for path in reconsidered)
    assert abs(overturned / len(reconsidered) - p.RECONSIDERATION_OVERTURNED) < 0.06  # a few hundred cases
    supported = [path for path in men if path.support_from is not None]
    extended = [path for path in supported if path.extension_end is not None]
    assert abs(_share(len(extended), len(supported)) - p.RNA_EXTENSION_SHARE) < 0.02
    for path in extended:
        days = _days(path.support_from, path.extension_end)
        assert p.MOVE_ON_DAYS + 30 <= days <= p.MOVE_ON_DAYS + 180


def test_nothing_is_decided_after_the_period_end_and_pending_has_no_date() -> None:
    period = Period.of_years(date(2001, 1, 1), 1)
    paths = [path for path in _paths(True, period, n=10_000) if path is not None and path.route == "nrm"]
    assert any(path.rg_outcome == "pending" for path in paths)
    assert any(path.cg_outcome == "pending" for path in paths)
    for path in paths:
        assert path.referral is not None and path.referral in period
        known = [path.rg_date, path.cg_date, path.reconsideration_requested, path.rna_submitted, *path.decisions]
        assert all(day in period for day in known if day is not None)
        assert (path.rg_outcome == "pending") == (path.rg_date is None)
        assert (path.cg_outcome == "pending") <= (path.cg_date is None)
        assert path.phase in MSVCC_PHASE
        if path.support_from is not None:
            assert path.phase in ("move_on", "extended_by_rna", "exited")
        if path.rg_outcome == "positive" and path.cg_outcome == "pending":
            assert path.phase == "recovery_period"
