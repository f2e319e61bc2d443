"""Escaping of text mcai did not write (names, subjects, keys, file names from the spec or the command line) for each
output format it reaches: Markdown (PR comment, generated READMEs) and terminals / CI logs. HCL has its own
(`render.hcl`). Shown literally, user text can never close a code span, start HTML, break a table row or a line, or
be run by a CI runner as a workflow command."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_code(text: object) -> str:
    """A code span holding `text` verbatim, whatever backticks it contains (CommonMark: a longer fence)."""
    body = _one_line(str(text)).replace("|", "\\|")  # GFM splits table cells on '|' even inside code spans
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both ends have one: pad so the text survives exactly
    edges = body[:1] + body[-1:]
    pad = " " if "`" in edges or (edges == "  " and body.strip()) else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def md_text(value: object) -> str:
    """Plain text with every Markdown and HTML special character backslash-escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", _one_line(str(value)))


def md_cell(value: object) -> str:
    """Text in a Markdown table cell or list item: one line, Markdown/HTML syntax shown literally, no @-mentions."""
    return md_text(value).replace("@", "@\u200b")


def _one_line(value: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", value)


_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Lines a CI runner executes as a command: GitHub Actions `::error ...`, `##[group]`; Azure Pipelines `##vso[...]`.
_CI_COMMAND = re.compile(r"\s*(::|##\[|##vso\[)")


def terminal_safe(line: str) -> str:
    """One line of text fit for a terminal or a CI log: control characters (newlines included), bidi overrides and
    undecodable bytes from file names are shown escaped, and a line that a CI runner would read as a workflow command
    is prefixed so it is printed, not executed."""
    if any("\ud800" <= ch <= "\udfff" for ch in line):  # surrogate-escaped bytes of a non-UTF-8 file name
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    line = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", line)
    return f"mcai: {line}" if _CI_COMMAND.match(line) else line
