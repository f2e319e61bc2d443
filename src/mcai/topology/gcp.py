"""Derive the `gcp/` stack: the APIs in use, Vertex AI endpoints for self-deployed or tuned models, BigQuery and
GCS data stores, Private Service Connect for Google APIs, and a keyless service account per workload (gcp_access).

Every module takes its project id from `module.project_services.project_id`, so Terraform enables the APIs before it
creates anything that needs them. Publisher models (Gemini) produce no resource of their own: enabling
aiplatform.googleapis.com and granting roles/aiplatform.user to the caller is all Vertex AI needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mcai import assets
from mcai.spec import ValidSpec
from mcai.spec.gcp import BigQueryDataset, GcpCloud, GcsBucket, VertexModel
from mcai.spec.gcp_rules import default_psc_endpoint_name
from mcai.topology import identity
from mcai.topology.builder import StackBuilder, label
from mcai.topology.common import provider
from mcai.topology.model import Expr, ModuleCall, Output, Resource, Stack, Variable
from mcai.topology.names import NameRule

GOOGLE_PROVIDER = provider("google")
PROJECT = Expr("module.project_services.project_id")

GCP_SERVICE_ACCOUNT_ID = NameRule("service account id", 6, 30, r"[a-z]([-a-z0-9]*[a-z0-9])",
                                  "lowercase letters, digits and hyphens, starting with a letter")
GCP_BIGQUERY_DATASET = NameRule("BigQuery dataset id", 1, 1024, r"[A-Za-z0-9_]+", "letters, digits and '_'")
GCP_BUCKET = NameRule("Cloud Storage bucket name", 3, 63, r"[a-z0-9][a-z0-9_-]*[a-z0-9]",
                      "lowercase letters, digits, '-' and '_'")
GCP_DNS_ZONE_PREFIX = NameRule("Cloud DNS zone name", 1, 49, r"[a-z][a-z0-9-]*",
                               "lowercase letters, digits and '-', starting with a letter")
GCP_PSC_ENDPOINT = NameRule("Private Service Connect endpoint name", 1, 20, r"[a-z][a-z0-9]*",
                            "lowercase letters and digits, starting with a letter")
GCP_PSC_CONSUMER = NameRule("Private Service Connect forwarding rule name", 1, 63, r"[a-z]([-a-z0-9]*[a-z0-9])?",
                            "lowercase letters, digits and hyphens, starting with a letter (RFC 1035)")
PSC_ATTACHMENTS_VAR = "vertex_psc_service_attachments"
ENDPOINT_DISPLAY_NAME = NameRule("Vertex AI endpoint display name", 1, 128, r".+", "any characters")

# Module blocks in a stable, readable order: APIs first, then identities, data, network and endpoints.
MODULE_RANK = {"gcp-project-services": 0, "gcp-workload-identity": 1, "gcp-workload-sa": 1, "gcp-gke-workload": 1,
               "gcp-bigquery-dataset": 2, "gcp-training-bucket": 3, "gcp-response-cache": 4,
               "gcp-private-google-apis": 5, "gcp-vertex-endpoints": 6, "gcp-vector-search": 6,
               "gcp-audit-logs": 7}
# Services whose Data Access audit logs name every caller of the estate's models and datasets (Google writes them
# only where an audit config asks; Admin Activity logs are always on).
AUDITED_SERVICES = {"vertex": "aiplatform.googleapis.com", "bigquery": "bigquery.googleapis.com"}


@dataclass
class GcpStackBuilder(StackBuilder):
    services: set[str] = field(default_factory=set)

    @property
    def cloud(self) -> GcpCloud:
        assert self.vspec.spec.clouds.gcp is not None
        return self.vspec.spec.clouds.gcp

    def vertex_models(self) -> dict[str, VertexModel]:
        return {k: m for k, m in sorted(self.vspec.spec.models.items()) if isinstance(m, VertexModel)}

    def network_id(self) -> Any:
        if self.cloud.network.name:
            return f"projects/{self.cloud.project_id}/global/networks/{self.cloud.network.name}"
        self.variables.setdefault("network_id", Variable(
            "network_id", "string", "The VPC network for Private Service Connect: projects/<project>/global/networks/"
            "<name>."))
        return Expr("var.network_id")

    # -- Vertex AI ----------------------------------------------------------------------------------------------
    def vertex(self) -> None:
        models = self.vertex_models()
        if models:
            self.services.add("aiplatform.googleapis.com")
        endpoints = {k: self._endpoint(k, m) for k, m in models.items() if m.endpoint is not None}
        if not endpoints:
            return
        self.modules.append(ModuleCall(
            label="vertex_endpoints", module="gcp-vertex-endpoints",
            purpose="Vertex AI endpoints for self-deployed or tuned models (publisher models need none)",
            inputs={"project_id": PROJECT, "endpoints": endpoints},
            resources=tuple(Resource("google_vertex_ai_endpoint", f'this["{k}"]') for k in endpoints) + tuple(
                Resource(t, f'psc["{k}"]') for k, e in endpoints.items() if e.get("psc_consumer")
                for t in ("google_compute_address", "google_compute_forwarding_rule")),
            spec_path=("models",)))
        self.outputs.append(Output("vertex_endpoint_ids", Expr("module.vertex_endpoints.endpoint_ids"),
                                   "Resource id of each Vertex AI endpoint, keyed by model."))
        if any(e.get("psc_consumer") for e in endpoints.values()):
            self.outputs.append(Output("vertex_psc_addresses", Expr("module.vertex_endpoints.psc_addresses"),
                                       "Internal address of each Vertex AI PSC consumer endpoint, keyed by model."))
        self.manual_steps.append(
            "Vertex AI endpoints (" + ", ".join(sorted(endpoints)) + ") are created empty: deploy the tuned or "
            "custom model to each one (tuning job or model upload) after applying the gcp stack.")
        for key in sorted(k for k, e in endpoints.items() if e.get("psc_consumer")):
            self.manual_steps.append(
                f"Vertex AI endpoint '{key}' (Private Service Connect): choose the subnetwork for its consumer "
                "address (required input vertex_psc_subnetwork); after deploying the model, read its service "
                "attachment (`gcloud ai endpoints describe <endpoint id> --region <region> --format "
                "'value(deployedModels[0].privateEndpoints.serviceAttachment)'`), add it to "
                f"{PSC_ATTACHMENTS_VAR} under \"{key}\" and re-apply the gcp stack: it creates the consumer "
                "forwarding rule whose address (output vertex_psc_addresses) callers send requests to.")

    def _endpoint(self, key: str, model: VertexModel) -> dict[str, Any]:
        ep = model.endpoint
        assert ep is not None
        path = ("models", key, "endpoint")
        logging = None
        if ep.logging is not None:
            ref = label("data", ep.logging.dataset)
            table = "request_response_" + key.replace("-", "_")
            logging = {"sampling_rate": ep.logging.sampling_rate,
                       "output_uri": Expr(f'"bq://${{module.{ref}.project}}.${{module.{ref}.dataset_id}}.{table}"')}
        psc = self._psc_consumer(key, path) if ep.private_service_connect else None
        return {
            "name": ep.name,
            "display_name": self.namer.name(ENDPOINT_DISPLAY_NAME, f"{self.prefix}-{key}", path),
            "location": model.region or self.cloud.region,
            "description": f"{model.publisher}/{model.model}, served for model '{key}' (managed by mcai)",
            "private_service_connect": ep.private_service_connect,
            "kms_key_name": ep.cmek_key,
            "logging": logging,
            **({"psc_consumer": psc} if psc else {}),
        }

    def _psc_consumer(self, key: str, path: tuple[str, ...]) -> dict[str, Any]:
        """The consumer end of a PSC-enabled endpoint: a forwarding rule to the deployed model's service attachment
        (which exists only after deployment, so it is an input) on an internal address of a subnet you choose."""
        subnetwork = self.input_variable(
            "vertex_psc_subnetwork", "string",
            "Subnetwork for the internal addresses of the Vertex AI Private Service Connect consumer endpoints: "
            "projects/<project>/regions/<region>/subnetworks/<name>.")
        self.variables.setdefault(PSC_ATTACHMENTS_VAR, Variable(
            PSC_ATTACHMENTS_VAR, "map(string)",
            "Service attachment of the model deployed to each PSC-enabled Vertex AI endpoint, keyed by model; set "
            "after deploying (see the numbered steps).", {}, required=False))
        return {"name": self.namer.name(GCP_PSC_CONSUMER, f"{self.prefix}-{key}-psc", path)[:-4],
                "network": self.network_id(), "subnetwork": subnetwork,
                "service_attachment": Expr(f'lookup(var.{PSC_ATTACHMENTS_VAR}, "{key}", null)')}

    # -- data stores --------------------------------------------------------------------------------------------
    def data_stores(self, members: dict[str, Expr]) -> None:
        """BigQuery datasets and GCS buckets; `members` maps workload -> its service account's IAM member."""
        for key, store in sorted(self.vspec.spec.data.items()):
            path = ("data", key)
            if isinstance(store, BigQueryDataset):
                self._dataset(key, store, members, path)
            elif isinstance(store, GcsBucket):
                self._bucket(key, store, members, path)

    def _dataset(self, key: str, store: BigQueryDataset, members: dict[str, Expr], path: tuple[str, ...]) -> None:
        dataset_id = self.namer.name(GCP_BIGQUERY_DATASET, f"{self.prefix}-{key}".replace("-", "_"), path)
        writers = {w: members[w] for w in dataset_writers(self.vspec, store, key) if w in members}
        resources = [Resource("google_bigquery_dataset", "this")]
        if store.cmek_key:
            resources.insert(0, Resource("google_kms_crypto_key_iam_member", "bigquery[0]"))
        resources += [Resource("google_bigquery_dataset_iam_member", f'writers["{w}"]') for w in writers]
        expiry = store.default_table_expiration_days
        self.modules.append(ModuleCall(
            label=label("data", key), module="gcp-bigquery-dataset",
            purpose=f"BigQuery dataset '{key}'"
                    + (f": tables expire after {expiry} days" if expiry else ": tables kept until deleted")
                    + (", CMEK" if store.cmek_key else ""),
            inputs={"project_id": PROJECT, "dataset_id": dataset_id, "location": store.location or self.cloud.region,
                    "description": f"Dataset '{key}' of {self.prefix} (managed by mcai)",
                    "default_table_expiration_days": expiry, "kms_key_name": store.cmek_key, "writers": writers},
            resources=tuple(resources), spec_path=path))
        self.outputs.append(Output(f"{label('data', key)}_dataset_id",
                                   Expr(f"module.{label('data', key)}.dataset_id"),
                                   f"Dataset id of the '{key}' BigQuery dataset."))

    def _bucket(self, key: str, store: GcsBucket, members: dict[str, Expr], path: tuple[str, ...]) -> None:
        name = self.namer.name(GCP_BUCKET, f"{self.prefix}-{key}-{self.cloud.project_number}", path)
        readers = {w: members[w] for w in sorted(set(store.used_by)) if w in members}
        resources = [Resource("google_storage_bucket", "this")]
        if store.cmek_key:
            resources.insert(0, Resource("google_kms_crypto_key_iam_member", "storage[0]"))
        resources += [Resource("google_storage_bucket_iam_member", f'readers["{w}"]') for w in readers]
        self.modules.append(ModuleCall(
            label=label("data", key), module="gcp-training-bucket",
            purpose=f"{'Training data' if store.purpose == 'training' else 'Documents'} '{key}': private, versioned Cloud Storage bucket next to Vertex AI"
                    + (", CMEK" if store.cmek_key else ""),
            inputs={"project_id": PROJECT, "bucket_name": name, "location": store.location or self.cloud.region,
                    "kms_key_name": store.cmek_key, "readers": readers},
            resources=tuple(resources), spec_path=path))
        self.outputs.append(Output(f"{label('data', key)}_bucket", Expr(f"module.{label('data', key)}.bucket_name"),
                                   f"Bucket of the '{key}' {store.purpose} data."))

    # -- Private Service Connect for Google APIs ----------------------------------------------------------------
    def private_google_apis(self) -> None:
        psc = self.cloud.private_google_apis
        if psc is None:
            return
        path = ("clouds", "gcp", "private_google_apis")
        name = self.namer.name(GCP_PSC_ENDPOINT, psc.endpoint_name or default_psc_endpoint_name(self.vspec.spec),
                               path)
        self.modules.append(ModuleCall(
            label="private_google_apis", module="gcp-private-google-apis",
            purpose="Private Service Connect endpoint for Google APIs (all-apis) with private googleapis.com and "
                    "p.googleapis.com zones",
            inputs={"project_id": PROJECT, "endpoint_name": name, "address": psc.address,
                    "network": self.network_id(),
                    "dns_zone_prefix": self.namer.name(GCP_DNS_ZONE_PREFIX, self.prefix, path)},
            resources=tuple(Resource(t, a) for t, a in (
                ("google_compute_global_address", "this"), ("google_compute_global_forwarding_rule", "this"),
                ("google_dns_managed_zone", "googleapis"), ("google_dns_record_set", "googleapis"),
                ("google_dns_record_set", "googleapis_wildcard"), ("google_dns_managed_zone", "p_googleapis"),
                ("google_dns_record_set", "p_googleapis_wildcard"))),
            spec_path=path))
        self.outputs.append(Output("private_google_apis_address", Expr("module.private_google_apis.address"),
                                   "Internal address that Google API names resolve to inside the VPC."))

    # -- audit trail ------------------------------------------------------------------------------------------------
    def audit_logs(self) -> None:
        """Data Access audit logs (DATA_READ, DATA_WRITE) for Vertex AI and BigQuery where the estate uses them: each
        prediction and query then names its caller, the key the three clouds' logs are joined on."""
        spec = self.vspec.spec
        used = {AUDITED_SERVICES["vertex"]} if self.vertex_models() else set()
        if any(isinstance(s, BigQueryDataset) for s in spec.data.values()):
            used.add(AUDITED_SERVICES["bigquery"])
        if not used:
            return
        ordered = sorted(used)
        self.modules.append(ModuleCall(
            label="audit_logs", module="gcp-audit-logs",
            purpose="Data Access audit logs for the Google APIs the workloads call: every prediction and query names "
                    "its caller (authoritative per service in the project)",
            inputs={"project_id": PROJECT, "services": ordered},
            resources=tuple(Resource("google_project_iam_audit_config", f'this["{s}"]') for s in ordered),
            spec_path=("clouds", "gcp")))

    def stack(self, state_region: str | None) -> Stack:
        return self.freeze("gcp", self.cloud.project_id, GOOGLE_PROVIDER,
                           {"project": self.cloud.project_id, "region": self.cloud.region}, state_region, MODULE_RANK)


def dataset_writers(vspec: ValidSpec, store: BigQueryDataset, key: str) -> tuple[str, ...]:
    """Workloads that write to a dataset: `used_by`, else the routing router (it logs analytics), plus workloads
    whose federated identity impersonates a service account to write to it (`identity.<w>.gcp.bigquery`)."""
    federated = identity.impersonation_extras(vspec.spec)[1].get(key, set())
    if store.used_by is not None:
        return tuple(sorted(set(store.used_by) | federated))
    routing = vspec.spec.routing
    return tuple(sorted(({routing.router} if routing else set()) | federated))


def with_project_services(stack: Stack) -> Stack:
    """The gcp stack with its APIs enabled first: the union of what every module in it declares
    (`modules/<module>/mcai-module.json`) and what its uses need (Vertex AI for publisher models, which have no
    module). Called once the link ends are merged in, so no module is missed and no list is kept by hand."""
    services = set(stack.google_apis)
    for call in stack.modules:
        services |= set(assets.module_declaration(call.module).get("google_apis", ()))
    if not services:
        return stack
    ordered = sorted(services)
    call = ModuleCall(
        label="project_services", module="gcp-project-services",
        purpose="Google APIs the modules below declare; left enabled on destroy (other workloads in the project "
                "may need them)",
        inputs={"project_id": stack.account, "services": ordered, "disable_on_destroy": False},
        resources=tuple(Resource("google_project_service", f'this["{s}"]') for s in ordered),
        spec_path=("clouds", "gcp"))
    return replace(stack, modules=(call, *stack.modules), google_apis=tuple(ordered))
