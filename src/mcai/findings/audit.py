"""Audit landing findings: with `audit.land_in: control_plane`, every other cloud (or project) whose audit logs stay
where they were written, and why: the keyless path that would land them, which mcai does not build yet, or the reason
none exists. Nothing is ever copied with a long-lived key (access key, HMAC key, SAS token, connection string)."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.topology.audit_receiver import lands_gcp_in_aws
from mcai.topology.audit_receiver_azure import categories, lands_azure_in_aws
from mcai.topology.audit_sentinel_gcp import lands_gcp_in_azure
from mcai.topology.model import Topology

# (source cloud, control plane) -> where the source's logs stay, and why they are not copied.
NOT_LANDED: dict[tuple[str, str], str] = {
    # ("gcp", "aws") lands: topology/audit_receiver.py pushes the home project's audit logs to the AWS receiver.
    # ("azure", "aws") lands: topology/audit_receiver_azure.py has a Logic App post the home subscription's audit rows
    # to the same receiver, when it exists (GCP's landing builds it).
    # ("aws", "gcp") and ("azure", "gcp") land: topology/audit.py and topology/audit_azure.py build the Storage
    # Transfer Service copies through a federated role and a federated Entra ID application.
    # ("aws", "azure") lands: topology/audit_sentinel.py builds Microsoft Sentinel's S3 connector and its role.
    # ("gcp", "azure") lands: topology/audit_sentinel_gcp.py builds Sentinel's GCP Pub/Sub connector's pull.
}


@finding_rule
def audit_logs_not_landed(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    spec = vspec.spec
    if spec.audit is None or spec.audit.land_in != "control_plane":
        return
    present = {s.cloud for s in topology.workload_stacks}  # a cloud with no stack writes no audit log of the estate
    for (source, plane), why in sorted(NOT_LANDED.items()):
        if plane == spec.control_plane and source in present:
            yield finding(vspec, "audit-not-landed", "warning", f"{why}.", ("audit", "land_in"))
    if lands_gcp_in_aws(spec):  # the home project's logs are pushed; another project's stay where they are
        others = [s.name for s in topology.workload_stacks if s.cloud == "gcp"][1:]
        if others:
            yield finding(vspec, "audit-not-landed", "warning",
                          f"The audit logs of the {', '.join(others)} stack(s) stay in their projects' Cloud Logging: "
                          "only the GCP home project's are pushed to the AWS audit receiver, which admits that "
                          "project's one pusher service account.", ("audit", "land_in"))
    if lands_gcp_in_azure(spec):  # Sentinel pulls the home project's subscription; another project's stay
        others = [s.name for s in topology.workload_stacks if s.cloud == "gcp"][1:]
        if others:
            yield finding(vspec, "audit-not-landed", "warning",
                          f"The audit logs of the {', '.join(others)} stack(s) stay in their projects' Cloud Logging: "
                          "only the GCP home project's sink and subscription are pulled by Microsoft Sentinel.",
                          ("audit", "land_in"))
    if lands_azure_in_aws(spec):
        yield from _azure_not_landed(vspec, topology)


def _azure_not_landed(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    """Azure stacks whose audit rows stay in their workspace with an AWS control plane: every one but the home
    subscription's, and the home one's too when there is no receiver to post to."""
    azure = [s for s in topology.workload_stacks if s.cloud == "azure"]
    landed = {s.source for s in topology.stacks for s in s.landings if s.source_cloud == "azure"}
    if azure and not landed and categories(azure[0]):
        yield finding(vspec, "audit-not-landed", "warning",
                      f"The audit logs of the {azure[0].name} stack stay in its Log Analytics workspace: the Logic "
                      "App that posts them to the AWS control plane needs the audit receiver, which mcai builds only "
                      "with a GCP project in the estate (its Google route); an Azure-only receiver is not built yet.",
                      ("audit", "land_in"))
    others = [s.name for s in azure[1:] if categories(s)]
    if others:
        yield finding(vspec, "audit-not-landed", "warning",
                      f"The audit logs of the {', '.join(others)} stack(s) stay in their Log Analytics workspaces: "
                      "only the Azure home subscription's Logic App posts to the AWS audit receiver, which admits "
                      "that one identity.", ("audit", "land_in"))
