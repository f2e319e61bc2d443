"""What the bootstrap derivations share (the bootstrap stack's name, read-only roles, state keys, backends, its own
first steps): a leaf below `bootstrap.py` and the per-cloud derivations, so imports run one way."""

from __future__ import annotations

from mcai.spec import ValidSpec
from mcai.topology.model import BOOTSTRAP_STACK, Backend

STACK = BOOTSTRAP_STACK

# The cloud's read-only role, granted to plan identities unless the spec lists their roles. None on GCP: its
# read-everything role is the primitive roles/viewer, which mcai never grants; the plan identity's step says to list
# the predefined viewer roles the stacks' resources need.
READ_ONLY: dict[str, tuple[str, ...]] = {"aws": ("arn:aws:iam::aws:policy/ReadOnlyAccess",), "azure": ("Reader",),
                                         "gcp": ()}


def state_key_prefix(vspec: ValidSpec) -> str:
    spec = vspec.spec
    return f"{spec.name}/{spec.environment}/"


def backend(vspec: ValidSpec, names: dict[str, str], stack: str) -> Backend:
    """The backend of `stack` in the bootstrap's state store (`names`: what the bootstrap derivation named)."""
    spec = vspec.spec
    key = f"{state_key_prefix(vspec)}{stack}.tfstate"
    if spec.control_plane == "aws":
        assert spec.clouds.aws is not None
        # `encrypt` is left unset: with it and no kms_key_id the s3 backend asks for SSE-S3, which the bucket policy
        # refuses; unset, S3 applies the bucket's default encryption with the state key.
        return Backend("s3", key, {"bucket": names["bucket"], "key": key, "region": spec.clouds.aws.region,
                                   "use_lockfile": "true"}, final=True)
    if spec.control_plane == "azure":
        return Backend("azurerm", key, {"resource_group_name": names["resource_group"],
                                        "storage_account_name": names["storage_account"],
                                        "container_name": "tfstate", "key": key, "use_azuread_auth": "true"},
                       final=True)
    return Backend("gcs", key, {"bucket": names["bucket"], "prefix": key.removesuffix(".tfstate")}, final=True)


def first_apply_steps(vspec: ValidSpec, where: str) -> list[str]:
    """The bootstrap's own numbered steps: local state first, then migrated into the store it created."""
    return [
        f"Bootstrap first, once, with local state (the backend does not exist yet): in bootstrap/ create a file "
        "`local_override.tf` holding `terraform { backend \"local\" {} }` (Terraform merges *_override.tf files over "
        "the generated backend; mcai never writes that name), then `terraform init && terraform apply` with "
        f"administrator credentials for {where}. This creates the state store and the CI identities.",
        "Then move the bootstrap's own state into the store: delete `local_override.tf`, copy backend.hcl.example to "
        "backend.hcl (its values are final) and run `terraform init -migrate-state -backend-config=backend.hcl`; "
        "answer yes, check `terraform plan` shows no changes, and delete the local terraform.tfstate files. Every "
        "other stack's backend.hcl.example already names this store: copy it to backend.hcl before its `terraform "
        "init`.",
    ]
