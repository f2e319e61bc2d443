"""HCL formatting and escaping: user strings can never become Terraform expressions."""

from __future__ import annotations

import hcl2
import pytest
from hcl2 import SerializationOptions
from hypothesis import given, settings
from hypothesis import strategies as st

from mcai.render import hcl
from mcai.topology.model import Expr


@pytest.mark.parametrize(("raw", "expected"), [
    ('x"${file("/etc/passwd")}', '"x\\"$${file(\\"/etc/passwd\\")}"'),
    ("%{ for x in y }", '"%%{ for x in y }"'),
    ("line1\nline2", '"line1\\nline2"'),
    ("back\\slash", '"back\\\\slash"'),
    ("tab\there", '"tab\\there"'),
    ("bell\x07", '"bell\\u0007"'),
    ("$ alone and % alone", '"$ alone and % alone"'),
    ("$${already}", '"$$${already}"'),
])
def test_string_escaping(raw: str, expected: str) -> None:
    assert hcl.string(raw) == expected


def test_injection_is_an_inert_literal() -> None:
    attack = 'x"\n  evil = "${file("/etc/passwd")}'
    rendered = hcl.attributes({"name": attack}, 0)
    assert rendered.count("\n") == 1, "a user string must stay on its one line"
    parsed = hcl2.loads(rendered, serialization_options=SerializationOptions(strip_string_quotes=True))
    assert list(parsed) == ["name"], "no second attribute may appear"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_string_renders_as_one_line_literal(text: str) -> None:
    rendered = hcl.string(text)
    assert "\n" not in rendered and "\r" not in rendered
    assert rendered.startswith('"') and rendered.endswith('"')
    body = rendered[1:-1].replace("\\\\", "")
    assert '"' not in body.replace('\\"', ""), "every quote inside is escaped"
    assert "${" not in body.replace("$${", "") and "%{" not in body.replace("%%{", "")


def test_alignment_follows_terraform_fmt() -> None:
    text = hcl.attributes({"a": 1, "long_name": "x", "nested": {"k": True}, "b": [1, 2]}, 1)
    assert text == ('  a         = 1\n'
                    '  long_name = "x"\n'
                    '  nested = {\n'
                    '    k = true\n'
                    '  }\n'
                    '  b = [1, 2]\n')


def test_keys_are_quoted_only_when_needed() -> None:
    assert hcl.key("cost-center") == "cost-center"
    assert hcl.key("aws:tag") == '"aws:tag"'
    assert hcl.key("google.subject") == '"google.subject"'
    assert hcl.key("true") == '"true"'


def test_values() -> None:
    assert hcl.value(None) == "null"
    assert hcl.value(False) == "false"
    assert hcl.value(0.25) == "0.25"
    assert hcl.value(3.0) == "3"
    assert hcl.value([]) == "[]"
    assert hcl.value({}) == "{}"
    assert hcl.value(Expr("module.x.y")) == "module.x.y"
    long = [f"arn:aws:bedrock:us-east-1::foundation-model/model-{i}" for i in range(3)]
    assert hcl.value(long).startswith("[\n  ")


def test_comment_cannot_escape_its_line() -> None:
    assert hcl.comment("a\nb = 1") == "# a\n# b = 1\n"


def test_unsupported_type_is_a_bug() -> None:
    with pytest.raises(TypeError):
        hcl.value(object())


ATTACKS = ['x"${file("/etc/passwd")}', "%{ for x in y }${x}%{ endfor }", "a\nb\r\tc\\d", "$${x}", "%%{x}",
           "unicode \u2028 é ✓", "\x00\x1b[31m", 'end"', "${", "%{"]


@pytest.mark.terraform
def test_terraform_reads_escaped_strings_back_verbatim(tmp_path) -> None:
    """The authority on HCL is terraform itself: each escaped literal evaluates to exactly the original text."""
    import json
    import os
    import subprocess

    script = "jsonencode([" + ", ".join(hcl.string(a) for a in ATTACKS) + "])\n"  # console prints one result
    env = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull}
    done = subprocess.run(["terraform", "console"], input=script, capture_output=True, text=True, cwd=tmp_path,
                          env=env, check=True, timeout=60)
    assert json.loads(json.loads(done.stdout)) == ATTACKS
