"""A :class:`~dnastack.client.data_connect.partitions.PartitionPlan` as a Dask DataFrame.

``dask.dataframe.from_map`` makes one task per sub-query; each task reads its partition on
a worker (credentials found there) with the dtypes of ``to_pandas()``, which is also the
``meta``. Dask's conversion of text columns to ``string[pyarrow]`` is turned off for these
frames so that their dtypes are exactly those of ``to_pandas()``. Needs the ``dask`` extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from dnastack.client.data_connect.partitions import PartitionPlan

__all__ = ["plan_to_dask", "read_partition"]


def read_partition(index: int, plan: PartitionPlan) -> pd.DataFrame:
    """Read partition ``index`` of ``plan`` (the function each Dask task runs)."""
    return plan.read_pandas(index)


def plan_to_dask(plan: PartitionPlan) -> Any:
    """One Dask partition per sub-query of ``plan``."""
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:
        raise ImportError(
            "PartitionPlan.to_dask() needs dask; install the 'dask' extra: "
            "pip install 'dnastack-sdk[dask]'"
        ) from exc
    from_map: Any = dd.from_map
    with dask.config.set({"dataframe.convert-string": False}):
        return from_map(
            read_partition,
            range(len(plan)),
            plan=plan,
            meta=plan.meta(),
            label="dnastack-data-connect",
            enforce_metadata=False,
        )
