"""References to the generated README's numbered manual steps, which every path kind cites (a leaf below them all,
so the network and retrieval paths import it one way)."""

from __future__ import annotations

from mcai.topology.model import Topology


def steps(topology: Topology) -> list[str]:
    """The manual steps as the generated README numbers them (stack steps, then link steps)."""
    return [step for _, _, step in topology.numbered_steps]


def step_number(topology: Topology, needle: str, also: str = "") -> int | None:
    """Number of the first manual step (as the generated README numbers them) that mentions `needle` (and `also`,
    e.g. the model a per-account step names)."""
    return next((n for n, step in enumerate(steps(topology), 1) if needle in step and also in step), None)


def step_ref(topology: Topology, needle: str, also: str = "") -> str:
    """`manual step <n>: <its heading>` for the first numbered step that mentions `needle` (and `also`); "" when
    none does."""
    n = step_number(topology, needle, also)
    return "" if n is None else f"manual step {n}: {steps(topology)[n - 1].split(': ', 1)[0]}"
