"""Bad input never crashes: any YAML document, and any mutation of a real example, ends in a valid spec or in a
`SpecError` with located messages, never in another exception."""

from __future__ import annotations

import copy

import yaml
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcai.diagnostics import SpecError
from mcai.spec import parse_spec
from mcai.topology import derive

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["aws", "azure", "gcp", "bedrock", "eks", "s3", "us"]))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=30)
BASES = [yaml.safe_load(p.read_text()) for p in EXAMPLES]


def outcome(text: str) -> None:
    try:
        derive(parse_spec(text, "fuzz.yaml"))
    except SpecError as err:
        lines = err.lines()
        assert lines and all(line.startswith("fuzz.yaml:") for line in lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_document(doc: object) -> None:
    outcome(yaml.safe_dump(doc))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(BASES) - 1), st.data())
def test_mutated_examples(index: int, data: st.DataObject) -> None:
    spec = copy.deepcopy(BASES[index])
    node = spec
    for _ in range(data.draw(st.integers(1, 4))):  # walk down a random path, then replace what is there
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node, key=str)))
            if isinstance(node[key], (dict, list)) and data.draw(st.booleans()):
                node = node[key]
                continue
            node[key] = data.draw(scalars | st.lists(scalars, max_size=3) | st.dictionaries(st.text(max_size=6), scalars, max_size=2))
            break
        if isinstance(node, list) and node:
            i = data.draw(st.integers(0, len(node) - 1))
            node[i] = data.draw(scalars)
            break
    outcome(yaml.safe_dump(spec))


def test_garbage_bytes() -> None:
    for text in ["\x00\x01", "{{{{", "- - - -", ": :", "a: !!python/object:os.system x", "\t\tkey: 1", "%YAML 9.9\n---"]:
        outcome(text)
