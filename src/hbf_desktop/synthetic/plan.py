"""Everything drawn about one client before any record is made: profile, NRM path, history, cases with their risk
assessments and moves, legal proceedings, and the events that bring extra work.

Drawing the whole plan first lets records refer to later facts (a case carries a legal hold because a proceeding is
still live; an identity carries the NRM reference) while the stream still puts parents before children.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hbf_desktop.synthetic import history, housing, legal, people
from hbf_desktop.synthetic.dates import Period
from hbf_desktop.synthetic.nrm import NrmPath, draw_nrm
from hbf_desktop.synthetic.organisations import Organisation
from hbf_desktop.synthetic.profile import CaseSpan, Profile, active_until, draw_profile
from hbf_desktop.synthetic.risk import Assessment, assessments


@dataclass(frozen=True)
class CasePlan:
    span: CaseSpan
    last_day: date  # the last day with activity (inclusive)
    risk: list[Assessment]
    moves: list[housing.Move]

    def holds(self, day: date) -> bool:
        return self.span.opened <= day <= self.last_day


@dataclass(frozen=True)
class ClientPlan:
    profile: Profile
    nrm: NrmPath | None
    events: list[history.Event]
    cases: list[CasePlan]
    proceedings: list[legal.Proceeding]
    first_responder: Organisation | None
    nrm_ref: str | None

    def case_on(self, day: date) -> int | None:
        """The index of the case active on `day`; None in a gap between cases or after the last one."""
        return next((index for index, case in enumerate(self.cases) if case.holds(day)), None)

    @property
    def peaks(self) -> frozenset[date]:
        """Days of NRM decisions and relocations, whose months bring 1.5 times the usual work (DATA-MODEL.md)."""
        decisions = self.nrm.decisions if self.nrm else []
        return frozenset([*decisions, *(move.on for case in self.cases for move in case.moves)])

    @property
    def linked_interventions(self) -> list[tuple[date, str]]:
        """Interventions that particular events call for, on the day of the event."""
        linked = [(move.on, "relocation_support") for case in self.cases for move in case.moves]
        for case in self.cases:
            linked += [
                (later.on, "safeguarding_referral")
                for earlier, later in zip(case.risk, case.risk[1:], strict=False)
                if later.overall == "high" and earlier.overall != "high"
            ]
        if self.nrm and self.nrm.reconsideration_requested:
            linked.append((self.nrm.reconsideration_requested, "nrm_reconsideration_request"))
        for proceeding in self.proceedings:
            if proceeding.mlr_requested:
                linked.append((proceeding.mlr_requested, "mlr_referral"))
            if proceeding.kind == "compensation_cica":
                linked.append((proceeding.started, "compensation_support"))
        return linked


def draw_plan(
    rng: random.Random, period: Period, female_share: float, first_responders: list[Organisation]
) -> ClientPlan:
    profile = draw_profile(rng, period, female_share)
    nrm = draw_nrm(rng, profile.intake, profile.woman, period)
    events = history.events(rng, profile.woman, profile.nationality, profile.dob, profile.intake)
    support_from = nrm.support_from if nrm else None
    home = housing.first_housing(rng, profile.immigration_status, profile.local_area)
    cases = []
    for span in profile.cases:
        last_day = active_until(span, period)
        risk = assessments(rng, span.opened, last_day, support_from)
        cases.append(CasePlan(span, last_day, risk, housing.moves(rng, home, span.opened, last_day, risk)))
    referred = nrm is not None and nrm.referral is not None
    return ClientPlan(
        profile=profile, nrm=nrm, events=events, cases=cases,
        proceedings=legal.proceedings(rng, profile, nrm, period),
        first_responder=rng.choice(first_responders) if referred else None,
        nrm_ref=people.nrm_reference(rng, nrm.referral.year) if nrm is not None and nrm.referral else None,
    )  # fmt: skip
