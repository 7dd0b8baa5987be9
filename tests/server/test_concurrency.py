"""Concurrent uploads: nothing doubled, no chain extended twice, on both databases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from tests.server.harness import Device


def test_the_same_batch_sent_at_once_is_stored_once(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    batch_id, data = worker.seal(b"{}", [supervisor.recipient])
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: worker.request("PUT", f"/v1/batches/{batch_id}", data), range(6)))
    assert Counter(answer.status_code for answer in answers) == Counter({201: 1, 200: 5})
    assert len({answer.json()["cursor"] for answer in answers}) == 1
    assert len(supervisor.request("GET", "/v1/batches").json()["batches"]) == 1


def test_two_batches_racing_for_one_place_cannot_both_win(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    rivals = [worker.seal(f'{{"rival": {index}}}'.encode(), [supervisor.recipient]) for index in range(6)]
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda rival: worker.request("PUT", f"/v1/batches/{rival[0]}", rival[1]), rivals))
    codes = Counter(answer.status_code for answer in answers)
    assert codes == Counter({201: 1, 409: 5}), codes
    refusals = {answer.json()["type"].rsplit("/", 1)[1] for answer in answers if answer.status_code == 409}
    assert refusals == {"chain-fork"}
    listed = supervisor.request("GET", "/v1/batches").json()["batches"]
    assert [entry["sequence"] for entry in listed] == [1]
