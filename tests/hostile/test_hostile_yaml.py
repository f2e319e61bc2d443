"""Hostile YAML as the spec and as a `--prices` file: every case ends in exit 1 with `file:line:col` messages, in
well under a second, with nothing written and nothing outside OUT touched."""

from __future__ import annotations

import pytest
from sandbox import EXAMPLE, Sandbox, assert_spec_problem, box  # noqa: F401

BASE = EXAMPLE.read_text()


def bomb(levels: int, where: str) -> str:
    lines = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n" + where.format(last=f"*a{levels - 1}") + "\n"


def merge_bomb() -> str:
    lines = ["a0: &a0 {k0: 1, k1: 2, k2: 3}"]
    lines += [f"a{i}: &a{i} {{<<: [" + ", ".join([f"*a{i - 1}"] * 9) + "]}" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def nested(depth: int, open_: str, close: str) -> str:
    return "version: 1\nx: " + open_ * depth + "1" * (open_ == "{a: ") + close * depth + "\n"


def swap(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


SPEC_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    # resource bombs
    "alias-bomb-value": (bomb(7, "g: {last}"), ("expands to more than",)),
    "alias-bomb-key": (bomb(5, "tags: {{? {last} : 1}}"), ("a key must be plain text",)),
    "alias-bomb-tags": (bomb(7, "tags: {{x: {last}}}"), ("expands to more than",)),
    "alias-bomb-mapping-key": ("version: 1\nk: &k {a: 1}\ntags: {? *k : 1}\n", ("a key must be plain text",)),
    "sequence-key": ("version: 1\n? [a, b]\n: 1\n", ("a key must be plain text",)),
    "merge-bomb": (merge_bomb(), ("expands to more than",)),
    "deep-flow-mappings": (nested(600, "{a: ", "}"), ("nested more than",)),
    "deep-flow-sequences": (nested(10_000, "[", "]"), ("nested more than",)),
    "deep-block-sequences": ("version: 1\nx:\n" + "".join("  " * i + "-\n" for i in range(200)), ("nested",)),
    "deep-70": (nested(70, "[", "]"), ("nested more than 64",)),
    # scalars that cannot be constructed
    "impossible-date-version": ("version: 2025-02-30\nname: x\n", ("is not a valid date",)),
    "impossible-date-deep": (swap("environment: prod", "environment: 2025-13-01"), ("is not a valid date",)),
    "impossible-date-in-tags": (swap("owner: platform-team", "owner: 2024-02-31"), ("is not a valid date",)),
    "huge-int": ("version: " + "9" * 5000 + "\nname: x\n", ("too long to read",)),
    "huge-int-usage": (BASE + "usage: {requests_per_month: " + "1" * 4400 + "}\n", ("too long to read",)),
    "nan-name": ("version: 1\nname: .nan\n", ("not a finite number",)),
    "inf-usage": (BASE + "usage: {requests_per_month: .inf}\n", ("not a finite number",)),
    "neg-inf-size": (swap("size_gb: 500", "size_gb: -.inf"), ("not a finite number",)),
    "float-overflow": (swap("size_gb: 500", "size_gb: 1.0e+400"), ("not a finite number",)),
    "exponent-without-dot-is-text": (swap("size_gb: 500", "size_gb: 1e400"), ("must be a number",)),
    "nan-key-value": (swap("replicas: 1", "replicas: .NaN"), ("not a finite number",)),
    # keys YAML 1.1 would silently turn into None/True/nan
    "tilde-key": (swap("owner: platform-team", "~: platform-team"), ("'~'",)),
    "on-key-workload": (swap("  indexer:\n", "  on:\n"), ("(known: inference-router, on)",)),
    "nan-key-model": (swap("  haiku:\n", "  .nan:\n"), (".nan",)),
    "null-key": (swap("  haiku:\n", "  null:\n"), ("null",)),
    "empty-key": ('version: 1\n"": x\n', ("unknown key ''",)),
    # sexagesimal is text, not 1000
    "sexagesimal-replicas": (swap("replicas: 1", "replicas: 16:40"), ("must be a whole number", "16:40")),
    "sexagesimal-size": (swap("size_gb: 500", "size_gb: 1:30:00"), ("1:30:00",)),
    # tags, duplicates, syntax
    "python-tag": ("version: 1\nname: !!python/object/apply:os.system [ls]\n", ("unsupported YAML tag",)),
    "custom-tag": (swap("environment: prod", "environment: !Ref Env"), ("unsupported YAML tag",)),
    "binary-tag": (swap("environment: prod", "environment: !!binary aGVsbG8="), ("unsupported YAML tag",)),
    "set-tag": ("version: 1\nx: !!set {a, b}\n", ("unsupported YAML tag",)),
    "duplicate-key": (swap("environment: prod", "environment: prod\nenvironment: dev"), ("duplicate key",)),
    "duplicate-after-merge-explicit": ("base: &b {x: 1}\no: {<<: *b, y: 1, y: 2}\n", ("duplicate key 'y'",)),
    "merge-of-scalar": ("base: &b 1\no: {<<: *b}\n", ("merges only mappings",)),
    "merge-list-with-scalar": ("base: &b {x: 1}\no: {<<: [*b, 3]}\n", ("merges only mappings",)),
    "unclosed-flow": ("version: 1\nname: {a: 1\n", ("YAML syntax error",)),
    "tab-indent": ("version: 1\n\tname: x\n", ("YAML syntax error",)),
    "undefined-alias": ("version: 1\nname: *nope\n", ("YAML syntax error",)),
    "two-documents": ("version: 1\n---\nversion: 2\n", ("YAML syntax error",)),
    "bad-directive": ("%YAML 9.9\n---\nversion: 1\n", ("YAML",)),
    "nul-byte": ("version: 1\nname: a\x00b\n", ("YAML syntax error",)),
    "control-char": ("version: 1\nname: a\x07b\n", ("2:8: YAML syntax error: character #x0007",)),
    "only-comment": ("# nothing here\n", ("the file is empty; a spec needs",)),
    "empty": ("", ("the file is empty",)),
    "scalar-document": ("just text\n", ("must be a mapping",)),
    "list-document": ("- a\n- b\n", ("must be a mapping",)),
    "bool-version": ("version: yes\nname: x\n", ("version: must be the number 1 (got boolean true)",)),
}


@pytest.mark.parametrize("case", sorted(SPEC_CASES))
def test_hostile_spec(box: Sandbox, case: str) -> None:  # noqa: F811
    text, needles = SPEC_CASES[case]
    box.spec(text)
    if "bomb" not in case:  # bombs cost ~1 s each to detect: `plan` reads through the same loader
        assert_spec_problem(box.run("validate", "spec.yaml"), "spec.yaml", *needles)
    assert_spec_problem(box.run("plan", "spec.yaml", "-o", "generated/x"), "spec.yaml", *needles)
    assert not box.out.exists()


def test_merge_keys_follow_the_yaml_spec() -> None:
    from mcai.spec.loader import load_text

    data = load_text("b: &b {x: 1, y: 2}\nc: &c {y: 3, z: 4}\no: {<<: [*b, *c], x: 9}\n", "m.yaml").data
    assert data["o"] == {"x": 9, "y": 2, "z": 4}  # explicit key wins, then the earlier merged mapping


def test_merge_with_override_in_a_real_spec(box: Sandbox) -> None:  # noqa: F811
    text = swap("    runs_on: {cloud: aws, kind: eks, cluster: ai-platform, namespace: router, service_account: router}",
                "    runs_on: &eks {cloud: aws, kind: eks, cluster: ai-platform, namespace: router, "
                "service_account: router}")
    text = text.replace("    runs_on:\n      cloud: aws\n      kind: eks\n      cluster: ai-platform\n"
                        "      namespace: indexer\n      service_account: indexer\n",
                        "    runs_on:\n      <<: *eks\n      namespace: indexer\n      service_account: indexer\n")
    box.spec(text)
    assert box.run("validate", "spec.yaml").exit_code == 0


PRICES_HEAD = "version: 1\nprices:\n"


def price(value: str, as_of: str = "2025-01-01") -> str:
    return (PRICES_HEAD + f"  egress.aws.internet:\n    value: {value}\n    unit: usd_per_gb\n"
            f"    source: a test\n    as_of: {as_of}\n")


PRICE_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "impossible-date": (price("0.09", "2025-02-30"), ("is not a valid date",)),
    "nan": (price(".nan"), ("not a finite number",)),
    "inf": (price(".inf"), ("not a finite number",)),
    "huge-exponent-string": (price('"1E+999999999"'), ("value",)),
    "1e400-string": (price('"1e400"'), ("value",)),
    "negative": (price("-1"), ("value",)),
    "huge-int": (price("9" * 5000), ("too long to read",)),
    "alias-bomb": (bomb(7, "prices: {{x: {last}}}"), ("expands to more than",)),
    "key-bomb": (bomb(5, "prices: {{? {last} : 1}}"), ("a key must be plain text",)),
    "deep": ("version: 1\nprices: " + "[" * 100 + "]" * 100 + "\n", ("nested more than",)),
    "empty": ("", ("a price catalog needs",)),
    "tag": ("version: 1\nprices: !!python/name:os.system\n", ("unsupported YAML tag",)),
    "list": ("- 1\n", ("a price catalog is a mapping",)),
    "not-utf8": ("version: 1\nname: caf\udce9\n", ("not UTF-8",)),
}


@pytest.mark.parametrize("case", sorted(PRICE_CASES))
def test_hostile_prices(box: Sandbox, case: str) -> None:  # noqa: F811
    text, needles = PRICE_CASES[case]
    (box.repo / "prices.yaml").write_bytes(text.encode("utf-8", "surrogateescape"))
    result = box.run("plan", "spec.yaml", "--prices", "prices.yaml", "-o", "generated/x")
    assert_spec_problem(result, "prices.yaml", *needles)
    assert not box.out.exists()
