"""Cost of retrieval stores: embedding tokens of the declared corpus (once, and per re-embedding), the vector store
(S3 Vectors storage, writes and queries) and, through a movement, documents copied from another cloud. Quantities
come from the spec's `corpus` and `queries_per_month` (else usage.requests_per_month); what they cannot give stays
"depends on usage", and prices no source gives stay "price not found" (never guessed).

Stored vectors: the corpus is cut into chunks of `chunk_tokens` with 20% overlap, so one vector per 0.8 x
chunk_tokens tokens of corpus; each weighs 4 bytes per dimension plus its chunk text kept as metadata (~4 bytes per
token)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mcai.cost import tokens
from mcai.cost.catalog import Catalog
from mcai.cost.kinds import MODEL_CLOUD
from mcai.cost.lines import Line, PriceRef, priced
from mcai.cost.money import TOKENS_PER_MILLION, Span, qty
from mcai.diagnostics import Path

OVERLAP_ADVANCE = Decimal("0.8")  # 20% chunk overlap: each chunk advances 80% of its length
BYTES_PER_TOKEN = Decimal(4)
BYTES_PER_DIMENSION = Decimal(4)  # float32
GB = Decimal(1_000_000_000)
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class RetrievalInput:
    key: str
    provider: str  # embedding provider (bedrock, azure_openai, vertex)
    model: str
    dimensions: int
    chunk_tokens: int
    vector_store: str  # s3_vectors | opensearch_serverless | vertex_vector_search
    corpus_tokens: Span | None  # millions of tokens
    reembeds_per_month: Decimal
    queries: Span | None  # a month
    spec_path: Path
    cloud: str = "aws"
    stack: str = ""  # the store's account (root stack); "" is the cloud's home account


def vectors(r: RetrievalInput) -> Span | None:
    if r.corpus_tokens is None:
        return None
    return r.corpus_tokens * TOKENS_PER_MILLION / (Decimal(r.chunk_tokens) * OVERLAP_ADVANCE)


def stored_gb(r: RetrievalInput) -> Span | None:
    count = vectors(r)
    if count is None:
        return None
    per_vector = Decimal(r.dimensions) * BYTES_PER_DIMENSION + Decimal(r.chunk_tokens) * BYTES_PER_TOKEN
    size = count * per_vector / GB
    return Span(size.low.quantize(HUNDREDTH), size.high.quantize(HUNDREDTH))


def lines(r: RetrievalInput, catalog: Catalog) -> list[Line]:
    out = _embedding_lines(r, catalog)
    if r.vector_store == "s3_vectors":
        out += _s3_vectors_lines(r, catalog)
    return out


def _line(r: RetrievalInput, suffix: str, description: str, recurrence: str, unit: str, price_unit: str) -> Line:
    return Line(id=f"data.{r.key}.{suffix}", category="data", description=f"{r.key}: {description}",
                recurrence=recurrence, status="estimated", spec_path=r.spec_path,  # type: ignore[arg-type]
                quantity_unit=unit, price_unit=price_unit, cloud=(cloud := _billed_by(r, suffix)),
                stack=r.stack if cloud == r.cloud else None)


def _billed_by(r: RetrievalInput, suffix: str) -> str:
    """Embedding calls bill on the embedding model's cloud; the vector store on the store's cloud."""

    return MODEL_CLOUD.get(r.provider, "aws") if suffix.startswith("embedding") else r.cloud


def _embedding_lines(r: RetrievalInput, catalog: Catalog) -> list[Line]:
    ref, unit = _embedding_price(r, catalog)
    tried = (f"tokens.{r.provider}.{r.model}.input", "genai-prices")
    once = _line(r, "embedding.once", f"embedding the corpus with {r.model} (first ingestion)", "one_time",
                 "M tokens", "per 1M tokens")
    out = [priced(once, ref, unit, r.corpus_tokens, tried)]
    if r.reembeds_per_month > 0:
        again = _line(r, "embedding", f"re-embedding the corpus {qty(Span.of(r.reembeds_per_month))}x a month "
                      f"with {r.model}", "monthly", "M tokens", "per 1M tokens")
        quantity = None if r.corpus_tokens is None else r.corpus_tokens * r.reembeds_per_month
        out.append(priced(again, ref, unit, quantity, tried))
    return out


def _embedding_price(r: RetrievalInput, catalog: Catalog) -> tuple[PriceRef | None, Span | None]:
    override = catalog.get(f"tokens.{r.provider}.{r.model}.input")
    if override is not None:
        return PriceRef.of(override), Span.of(override.price.value)
    provider_id, ref = tokens.model_ref(r.provider, r.model)
    tp = tokens.lookup(provider_id, ref)
    if tp is None:
        return None, None
    return (PriceRef(f"genai-prices:{provider_id}:{ref}", tp.source, tp.as_of, "dataset", tokens.dataset_label()),
            Span.of(tp.input.base))


def _s3_vectors_lines(r: RetrievalInput, catalog: Catalog) -> list[Line]:
    out = []
    size = stored_gb(r)
    how = f"{r.dimensions} dimensions, {r.chunk_tokens}-token chunks"
    for suffix, description, recurrence, quantity, price_id, unit, price_unit in (
            ("vectors.storage", f"S3 Vectors storage ({how})", "monthly", size, "store.s3_vectors.storage",
             "GB-months", "per GB-month"),
            ("vectors.put.once", "S3 Vectors writes (first ingestion)", "one_time", size, "store.s3_vectors.put",
             "GB", "per GB"),
            ("vectors.put", "S3 Vectors writes (re-embeddings)", "monthly",
             None if size is None else size * r.reembeds_per_month, "store.s3_vectors.put", "GB", "per GB"),
            ("vectors.query", "S3 Vectors queries (one per retrieval)", "monthly",
             None if r.queries is None else r.queries / TOKENS_PER_MILLION, "store.s3_vectors.query",
             "M requests", "per 1M requests")):
        if suffix == "vectors.put" and r.reembeds_per_month == 0:
            continue
        price = catalog.get(price_id)
        line = _line(r, suffix, description, recurrence, unit, price_unit)
        out.append(priced(line, price, Span.of(price.price.value) if price else None, quantity, (price_id,)))
    return out
