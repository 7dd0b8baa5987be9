"""A hypothesis state machine over two workers, a supervisor and the real server: create, edit, delete, sync, crash
in any phase, drop a response, duplicate a request, skew the clock a year. After quiescence (at most 3 rounds with no
faults) the supervisor holds exactly the workers' data, and no change was applied twice.

The organisation lives for the whole test (stores and server enrolment are not cheap), so each run continues where
the last left off; the invariant is relative (supervisor against workers), so that is sound. HBF_SYNC_MACHINE_RUNS
sets the runs on SQLite (CI: 200); PostgreSQL runs a sixth of them.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test

from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.rounds import run_round
from tests.sync.faults import POINTS, Crash, FaultyClient
from tests.sync.server_org import ServerOrganisation
from tests.sync.test_faults import WORKERS, assert_nothing_doubled, quiesce, restart

RUNS = int(os.environ.get("HBF_SYNC_MACHINE_RUNS", "200"))
YEAR = 365 * 24 * 3600
GENDERS = ("feminine", "masculine", "non_conforming")


def machine_for(org: ServerOrganisation) -> type[RuleBasedStateMachine]:
    class SyncMachine(RuleBasedStateMachine):
        @rule(worker=st.sampled_from(WORKERS), code=st.integers(0, 9999))
        def create(self, worker: str, code: int) -> None:
            org.stores[worker].records.save("client", {"pseudonym_code": f"HB-{code:04d}", "gender": "feminine"})

        @rule(worker=st.sampled_from(WORKERS), pick=st.integers(0, 9), gender=st.sampled_from(GENDERS))
        def edit(self, worker: str, pick: int, gender: str) -> None:
            mine = org.stores[worker].records.latest_ids("client", 10)
            if mine:
                org.stores[worker].records.save("client", {"gender": gender}, mine[pick % len(mine)])

        @rule(worker=st.sampled_from(WORKERS), pick=st.integers(0, 9))
        def delete(self, worker: str, pick: int) -> None:
            mine = org.stores[worker].records.latest_ids("client", 10)
            if mine:
                org.stores[worker].records.delete(mine[pick % len(mine)])

        @rule(name=st.sampled_from((*WORKERS, "sam")))
        def sync(self, name: str) -> None:
            org.round(name)

        @rule(name=st.sampled_from((*WORKERS, "sam")), point=st.sampled_from(POINTS), after=st.integers(0, 1))
        def fault(self, name: str, point: str, after: int) -> None:
            """A crash in any phase; `after_upload` is a dropped response, `duplicate_upload` a doubled request."""
            store = org.stores[name]
            client = FaultyClient(
                org.server_url, store.author.device_id, device_keys(store), point=point, after_calls=after
            )
            try:
                run_round(store, client)
            except Crash:
                restart(org, name)

        @rule(name=st.sampled_from((*WORKERS, "sam")), sign=st.sampled_from((1, -1)))
        def skewed_sync(self, name: str, sign: int) -> None:
            org.round(name, skew=sign * YEAR)

        def teardown(self) -> None:
            assert quiesce(org) <= 3
            assert_nothing_doubled(org)

    return SyncMachine


@pytest.mark.slow
def test_after_quiescence_every_supervisor_holds_exactly_the_workers_data(
    served_org: ServerOrganisation, request: pytest.FixtureRequest
) -> None:
    runs = RUNS if "sqlite" in request.node.name else max(RUNS // 6, 10)
    run_state_machine_as_test(
        machine_for(served_org),
        settings=settings(
            max_examples=runs,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),  # fmt: skip
    )
