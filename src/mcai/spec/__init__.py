"""Spec stage: load YAML with positions, validate against the strict models and the cross-field rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from mcai.diagnostics import Diagnostic, Location, SpecError
from mcai.diagnostics import Path as SpecPath
from mcai.gcpause import paused
from mcai.spec import (
    accounts_rules,  # noqa: F401  (registers the named-account rules)
    azure_rules,  # noqa: F401  (registers the Azure OpenAI rules)
    bootstrap_rules,  # noqa: F401  (registers the bootstrap rules)
    budgets_rules,  # noqa: F401  (registers the budget rules)
    federation,  # noqa: F401  (registers the rule on uses across clouds and accounts)
    gcp_rules,  # noqa: F401  (registers the Google Cloud rules)
    identity_rules,  # noqa: F401  (registers the workload identity rules)
    lifecycle,  # noqa: F401  (registers the model id and lifecycle rules)
    links_rules,  # noqa: F401  (registers the private-link rules)
    retrieval_rules,  # noqa: F401  (registers the retrieval store rules)
    transit_rules,  # noqa: F401  (registers the rules of links on the Transit Gateway)
    values_rules,  # noqa: F401  (registers region, retention and tag rules)
)
from mcai.spec.errors import diagnostics_from
from mcai.spec.imports import Resolved, resolve
from mcai.spec.loader import MAX_BYTES, LoadedSpec, SourceMap, display_name, load_text, read_text
from mcai.spec.models import Spec
from mcai.spec.rules import check

__all__ = ["ValidSpec", "Spec", "SourceMap", "load_spec", "parse_spec", "read_spec_text", "resolve_text", "json_schema"]


@dataclass(frozen=True)
class ValidSpec:
    """A spec that passed every check, with the source map later stages use to point at problems."""

    spec: Spec
    source: SourceMap
    filename: str
    text: str
    imported: tuple[tuple[str, str], ...] = ()
    """(name, text) of every file the spec imports, directly or not (they are part of what it says)."""
    history: dict[SpecPath, list[Location]] = field(default_factory=dict, compare=False)
    """Every place each value was written, earliest first (overrides through imports)."""
    whole: Spec | None = field(default=None, compare=False)
    """Set on one account's view (topology/accounts.py): the spec the view was cut from, so a stack can see the
    uses that cross into or out of its account (topology/cross_account.py)."""
    account: str | None = field(default=None, compare=False)
    """The named account a view holds (None for the spec itself or a one-account cloud)."""


def resolve_text(text: str, filename: str, directory: Path | None = None) -> Resolved:
    """The spec's document with its imports applied (relative to `directory`, default the current one), not yet
    validated; raises `SpecError` for YAML problems and broken imports."""
    loaded: LoadedSpec = load_text(text, filename)
    if not isinstance(loaded.data, dict):
        raise SpecError(filename, [Diagnostic((), "the spec must be a mapping of keys (version, name, clouds, ...)",
                                              loaded.source.value(()))])
    return resolve(loaded, directory if directory is not None else Path("."))


@paused
def parse_spec(text: str, filename: str, directory: Path | None = None) -> ValidSpec:
    """Validate spec text; raise `SpecError` with every problem found. Imports are read relative to `directory`
    (the spec's own directory; default the current one)."""
    resolved = resolve_text(text, filename, directory)
    data, source = resolved.data, resolved.source
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(filename, diagnostics_from(exc, data, source, Spec)) from None
    problems = [Diagnostic(path, message, source.value(path)) for path, message in check(spec)]
    if problems:
        raise SpecError(filename, problems)
    return ValidSpec(spec, source, filename, text, resolved.imported, resolved.history)


STDIN = "-"


def read_spec_text(path: Path) -> tuple[str, str, Path]:
    """(text, name for messages, directory its imports are relative to) of a spec file; `-` reads standard input
    (named `<stdin>`, imports relative to the current directory)."""
    if str(path) == STDIN:
        import sys

        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        try:
            return data.decode("utf-8"), "<stdin>", Path(".")
        except UnicodeDecodeError:
            raise SpecError("<stdin>", [Diagnostic((), "the input is not UTF-8 text")]) from None
    return read_text(path), display_name(path), path.parent


def load_spec(path: Path) -> ValidSpec:
    """Read and validate a spec file; `-` reads it from standard input (problems then name `<stdin>`)."""
    return parse_spec(*read_spec_text(path))


def json_schema() -> dict:  # type: ignore[type-arg]
    """The spec's JSON Schema (strict: unknown keys rejected)."""
    from mcai.spec.docs import add_descriptions

    schema = add_descriptions(Spec.model_json_schema(mode="validation"), Spec)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://mcai.dev/schema/spec-v1.json"
    return schema
