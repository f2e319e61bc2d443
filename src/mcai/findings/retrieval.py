"""Data gravity for retrieval stores (the article's third rule): a store embedding documents that live in another
cloud. The spec refuses it unless acknowledged (spec/retrieval_rules.py); here the accepted move is shown with
what it costs (the one-time copy of the corpus from the estimate)."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.cost.lines import Estimate
from mcai.cost.money import usd_span
from mcai.findings import cost_rule, finding
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.retrieval import RetrievalStore
from mcai.topology.model import Topology


@cost_rule
def retrieval_away_from_documents(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    spec = vspec.spec
    for key, store in sorted(spec.data.items()):
        if not isinstance(store, RetrievalStore):
            continue
        docs = spec.data[store.documents]
        cloud = store.cloud  # type: ignore[attr-defined]
        if docs.cloud == cloud:
            continue
        ln = est.line(f"egress.retrieval.{key}.once")
        cost = f"{usd_span(ln.cost)} one-time to copy the corpus" if ln and ln.cost else \
            "a cost that depends on the corpus size (set size_gb on the documents store)"
        yield finding(vspec, "retrieval-away-from-documents", "warning",
                      f"retrieval store '{key}' ({cloud}) embeds documents '{store.documents}' that live in "
                      f"{docs.cloud}: {cost}, and again for every changed document. Embeddings belong next to the "
                      f"data: a retrieval store in {docs.cloud} moves nothing.", ("data", key, "documents"))
