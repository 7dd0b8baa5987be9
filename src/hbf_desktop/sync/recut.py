"""The erasure gap: kept batches that never left this laptop are cut again without an erased record's old values.

A batch is sealed once and kept until acknowledged, and every retry or bundle sends its very bytes: that is what makes
"nothing lost, nothing doubled" hold. But a batch sealed before a record was erased still carries the record's old
values (sealed to the supervisors). Bytes that may have left (an upload was attempted, a bundle was written:
`sync_state.mark_leaving`) are never changed, since someone may hold them and other bytes under the same sequence
would be a fork; the erasure's tombstone follows them and every recipient purges. Bytes that never left are nobody's
yet: from the first such batch carrying an erased record, the kept batches are dropped (`secure_delete` zeroes the
freed pages) and their changes, which `Writer.erase` already emptied of the record's values, sealed again under the
same sequence numbers. No one ever saw the old bytes, so "sealed once, identical bytes on retry" still holds for
everything that was ever sent.
"""

from __future__ import annotations

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_transaction
from hbf_desktop.sync.escrow import forget_sealed


def recut_erased(store: Store) -> int:
    """Drop the unsent kept batches from the first one carrying an erased record's values; returns how many.
    The caller seals the escrow and the pending changes next, as every round and bundle does."""
    with write_transaction(store.connection):
        first = sync_state.first_batch_to_recut(store.connection)
        if first is None:
            return 0
        last = sync_state.last_outgoing(store.connection)
        dropped = 0 if last is None else last[0] - first + 1
        store.connection.execute(
            "DELETE FROM sync_chunk_out WHERE attachment_id IN (SELECT id FROM record WHERE erased_at IS NOT NULL)"
        )
        if sync_state.drop_batches_from(store.connection, first):
            forget_sealed(store.connection)
    return dropped
