"""Legal proceedings: dates inside the period, live proceedings with a next date ahead, MLRs in order."""

from __future__ import annotations

import random
from datetime import date

from hbf_desktop.synthetic.dates import Period
from hbf_desktop.synthetic.legal import proceedings
from hbf_desktop.synthetic.nrm import draw_nrm
from hbf_desktop.synthetic.profile import draw_profile

PERIOD = Period.of_years(date(2019, 1, 1), 4)


def test_proceedings_are_consistent() -> None:
    rng = random.Random(1)
    kinds: set[str] = set()
    for _ in range(4_000):
        profile = draw_profile(rng, PERIOD, 0.5)
        found = proceedings(rng, profile, draw_nrm(rng, profile.intake, profile.woman, PERIOD), PERIOD)
        kinds |= {proceeding.kind for proceeding in found}
        for proceeding in found:
            assert proceeding.started in PERIOD and proceeding.started >= profile.intake
            if proceeding.concluded is None:
                assert proceeding.next_date is not None and proceeding.next_date >= PERIOD.end
            else:
                assert proceeding.started <= proceeding.concluded < PERIOD.end
            if proceeding.mlr_completed is not None:
                assert proceeding.mlr_requested is not None and proceeding.mlr_requested <= proceeding.mlr_completed
        claims = [proceeding for proceeding in found if proceeding.kind == "asylum"]
        assert len(claims) <= 1 and (not claims or profile.immigration_status == "asylum_seeker")
    assert kinds >= {"asylum", "criminal_investigation", "compensation_cica", "prosecution_witness"}
