"""Disclosure control on crafted small figures: one test per rule of DATA-MODEL.md's de-identification list."""

from __future__ import annotations

import itertools

import pytest

from hbf_desktop.reports.disclosure import SECONDARY_MARK, DisclosureRules, deidentify, protect_cross, protect_tally
from hbf_desktop.reports.measures import Count, Median, ReportSet, Share, Tally
from hbf_desktop.reports.period import ReportError

RULES = DisclosureRules()


def _shown(*measures: object) -> dict[str, object]:
    report = {f"m{index}": measure for index, measure in enumerate(measures)}
    return deidentify(ReportSet("2024-01-01", "2025-01-01", {"r": report}), RULES)["r"]  # type: ignore[arg-type]


def test_small_counts_are_suppressed_and_zero_is_shown() -> None:
    assert [RULES.protect(n) for n in (0, 10)] == [0, 10]
    assert _shown(Count(1), Count(9), Count(0), Count(10)) == {"m0": "<10", "m1": "<10", "m2": 0, "m3": 10}


def test_other_counts_are_rounded_down_to_a_multiple_of_five() -> None:
    assert _shown(Count(14), Count(15), Count(19), Count(688)) == {"m0": 10, "m1": 15, "m2": 15, "m3": 685}


def test_threshold_and_base_come_from_policy() -> None:
    rules = DisclosureRules(threshold=11, rounding_base=10)
    assert [rules.protect(n) for n in (10, 11, 19, 25)] == [rules.protect(1), 10, 10, 20]
    assert rules.suppressed == "<11"
    with pytest.raises(ReportError):
        DisclosureRules(threshold=1)


def test_a_lone_suppressed_cell_in_a_tally_takes_the_next_smallest_with_it() -> None:
    cells = {"a": 120, "b": 40, "c": 3, "d": 25, "e": 0}
    shown = protect_tally(cells, RULES)
    hidden = [name for name, cell in shown.items() if not isinstance(cell, int)]
    assert hidden == ["c", "d"], "c is small; d, the next smallest non-zero, hides it from the total"
    assert shown["e"] == 0 and shown["a"] == 120
    assert _shown(Tally(cells))["m0"] == {"a": 120, "b": 40, "c": "<10", "d": SECONDARY_MARK, "e": 0}


def test_two_small_cells_need_no_secondary_suppression() -> None:
    shown = protect_tally({"a": 50, "b": 4, "c": 6}, RULES)
    assert shown["a"] == 50 and not isinstance(shown["b"], int) and not isinstance(shown["c"], int)


def test_cross_tally_protects_every_row_column_and_the_grand_total() -> None:
    rows = {"r1": {"x": 50, "y": 3, "z": 40}, "r2": {"x": 60, "y": 30, "z": 20}, "r3": {"x": 0, "y": 0, "z": 12}}
    shown = protect_cross(rows, RULES)
    hidden = {(row, column) for row, columns in shown.items() for column, cell in columns.items()
              if not isinstance(cell, int)}  # fmt: skip
    assert ("r1", "y") in hidden
    for row in rows:
        in_row = [column for column in rows[row] if (row, column) in hidden]
        assert len(in_row) != 1, f"row {row} has a lone hidden cell"
    for column in ("x", "y", "z"):
        in_column = [row for row in rows if (row, column) in hidden]
        assert len(in_column) != 1, f"column {column} has a lone hidden cell"
    assert len(hidden) >= 4


def test_no_lone_hidden_cell_survives_in_random_cross_tallies() -> None:
    """Exhaustive-ish: for many small tables, no row, column or whole table is left with one hidden cell."""
    values = (0, 2, 7, 12, 30)
    for index, cells in enumerate(itertools.product(values, repeat=6)):
        if index % 7:
            continue
        rows = {"a": dict(zip("xyz", cells[:3], strict=True)), "b": dict(zip("xyz", cells[3:], strict=True))}
        shown = protect_cross(rows, RULES)
        groups = [[("a", c) for c in "xyz"], [("b", c) for c in "xyz"], *[[("a", c), ("b", c)] for c in "xyz"]]
        groups.append([(r, c) for r in "ab" for c in "xyz"])
        for group in groups:
            hidden = [key for key in group if not isinstance(shown[key[0]][key[1]], int)]
            others = [key for key in group if key not in hidden and rows[key[0]][key[1]] > 0]
            assert len(hidden) != 1 or not others, (rows, shown)


def test_medians_only_from_ten_cases_and_rounded() -> None:
    assert _shown(Median.of(range(1, 10)))["m0"] == {"n": "<10", "median": None, "q1": None, "q3": None}
    assert _shown(Median.of(range(1, 12)))["m0"] == {"n": 10, "median": 6, "q1": 4, "q3": 8}
    assert DisclosureRules(threshold=20).minimum_for_statistics == 20


def test_shares_hidden_when_few_cases_or_when_the_count_is_small() -> None:
    assert _shown(Share(5, 8))["m0"] == {"count": "<10", "of": "<10", "share": None}
    assert _shown(Share(3, 200))["m0"] == {"count": "<10", "of": 200, "share": None}
    assert _shown(Share(195, 200))["m0"] == {"count": "[c]", "of": 200, "share": None}, "the rest (5) is small"
    assert _shown(Share(100, 200))["m0"] == {"count": 100, "of": 200, "share": 0.5}
