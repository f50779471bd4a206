"""Validating a big slice chunk by chunk, and adding the chunks' results up exactly.

GX's pandas engine holds a frame, and copies of it, while it validates: a day of tens of
millions of mention rows cannot be one frame on a 4 GiB budget. Row-wise expectations (values
not null, in a set, between bounds, column A above column B) add up exactly over chunks: element,
missing and unexpected counts are sums, and success follows from the sums as GX decides it.
Uniqueness adds up too when each chunk holds every row of a value, so such a slice is split by
a hash of the unique column (``Frame.chunks``). Anything else (a column's max, an ordering, two
different unique keys) is validated on the whole slice.

GX 1.x has no merge of validation results: adding up counts is ours, and kept to the fields GX's
own map-expectation output holds (``_format_map_output``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

# the same outcome on every chunk: they read the column names, not the rows
_SCHEMA_TYPES = {
    "expect_table_columns_to_match_set",
    "expect_table_columns_to_match_ordered_list",
    "expect_column_to_exist",
}
_ORDER_TYPES = {"expect_column_values_to_be_increasing", "expect_column_values_to_be_decreasing"}
_UNIQUE_KWARG = {
    "expect_column_values_to_be_unique": "column",
    "expect_compound_columns_to_be_unique": "column_list",
}
_EXAMPLES = 20  # GX's partial_unexpected_count in the SUMMARY result format


def chunk_key(expectations: Sequence[Any]) -> tuple[str, ...] | None:
    """The columns a slice must be split by for these expectations to add up over chunks:
    ``()`` when any split will do, ``None`` when the slice must be validated whole."""
    from great_expectations.expectations.expectation import (
        ColumnMapExpectation,
        ColumnPairMapExpectation,
        MulticolumnMapExpectation,
    )

    row_wise = (ColumnMapExpectation, ColumnPairMapExpectation, MulticolumnMapExpectation)
    keys: set[tuple[str, ...]] = set()
    for expectation in expectations:
        kind = expectation.expectation_type
        if kind in _SCHEMA_TYPES:
            continue
        if kind in _ORDER_TYPES or not isinstance(expectation, row_wise):
            return None
        if kind in _UNIQUE_KWARG:
            value = expectation.configuration.kwargs[_UNIQUE_KWARG[kind]]
            keys.add((value,) if isinstance(value, str) else tuple(value))
    if len(keys) > 1:
        return None
    return keys.pop() if keys else ()


def add_up(total: Any, more: Any) -> None:
    """Fold another chunk's result of the same expectation into ``total`` (both GX
    ``ExpectationValidationResult``); call :func:`settle` once every chunk is in."""
    if _raised(more):
        if not _raised(total):
            total.exception_info = more.exception_info
        return
    counted, extra = total.result, more.result
    if "unexpected_count" not in counted:  # a schema check: the first chunk's result stands
        return
    for name in ("element_count", "unexpected_count", "missing_count"):
        if name in counted or name in extra:
            counted[name] = (counted.get(name) or 0) + (extra.get(name) or 0)
    if "partial_unexpected_list" in counted:
        examples = counted["partial_unexpected_list"] + extra.get("partial_unexpected_list", [])
        counted["partial_unexpected_list"] = examples[:_EXAMPLES]
    if "partial_unexpected_counts" in counted:
        counted["partial_unexpected_counts"] = _merged_counts(
            counted["partial_unexpected_counts"], extra.get("partial_unexpected_counts", [])
        )
    counted.pop("partial_unexpected_index_list", None)  # row numbers within one chunk


def settle(total: Any) -> None:
    """Percentages and success of a result whose counts were added up, as GX computes them."""
    if _raised(total):
        total.success = False
        return
    counted = total.result
    if "unexpected_count" not in counted:
        return
    elements, unexpected = counted["element_count"], counted["unexpected_count"]
    missing = counted.get("missing_count")
    considered = elements - missing if missing is not None else elements
    share = unexpected / considered * 100 if considered else None
    counted["unexpected_percent"] = share
    if missing is not None:
        counted["missing_percent"] = missing / elements * 100 if elements else None
        counted["unexpected_percent_total"] = unexpected / elements * 100 if elements else None
        counted["unexpected_percent_nonmissing"] = share
    mostly = total.expectation_config.kwargs.get("mostly", 1.0)
    total.success = (
        unexpected is None or not considered or (considered - unexpected) / considered >= mostly
    )


def _raised(result: Any) -> bool:
    info = result.exception_info or {}
    return bool(info.get("raised_exception")) if isinstance(info, dict) else False


def _merged_counts(first: list[dict], second: list[dict]) -> list[dict]:
    """The most common unexpected values of two chunks (GX's ``partial_unexpected_counts``)."""
    if any("value" not in entry for entry in first + second):  # GX's "not hashable" note
        return first
    counts: Counter = Counter()
    for entry in first + second:
        counts[entry["value"]] += entry["count"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return [{"value": value, "count": count} for value, count in ranked[:_EXAMPLES]]
