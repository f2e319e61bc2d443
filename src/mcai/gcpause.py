"""Cyclic garbage collection paused while a spec is loaded and derived.

Loading and deriving a large spec allocates millions of objects that all stay alive until the call returns (YAML
nodes, the source map, the validated models, the topology), and almost none are in reference cycles: refcounting
frees them. With the collector on, each generation-2 collection re-scans that whole growing heap, which made
`validate` on the 2,000-workload benchmark spend about half its time in the collector and grow faster than linearly
(tools/bench_validate.py). Paused for the duration of the call, the collector runs normally afterwards.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` with the cyclic collector off (a nested call leaves it as its caller set it)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper
