"""Nothing points DNS at something that does not exist yet (review checklist, section 3): a private googleapis.com
zone answers for every Google API name in the VPC the moment it exists, so it waits for the PSC endpoint."""

from __future__ import annotations

import hcl2
from conftest import REPO


def test_google_api_zones_wait_for_the_psc_endpoint() -> None:
    with open(REPO / "modules" / "gcp-private-google-apis" / "main.tf") as fh:
        doc = hcl2.load(fh)
    # python-hcl2 8 keeps labels quoted
    zones = {name.strip('"'): body for block in doc["resource"] for rtype, named in block.items()
             if rtype.strip('"') == "google_dns_managed_zone" for name, body in named.items()}
    assert set(zones) == {"googleapis", "p_googleapis"}
    for name, body in zones.items():
        depends = [str(d) for d in body.get("depends_on", [])]
        assert any("google_compute_global_forwarding_rule.this" in d for d in depends), (name, depends)


def test_aws_tunnels_to_gcp_propose_one_cipher_per_role() -> None:
    """Google's known issue with AWS peers: AWS's default proposal set lets a rekey pick another cipher and the
    tunnel flaps. Tunnels toward GCP pin one cipher per role; tunnels toward Azure keep AWS's defaults."""
    from conftest import GOLDEN

    seen = 0
    for stack in sorted(GOLDEN.glob("*/aws")):
        with open(stack / "main.tf") as fh:
            calls = {name: body for block in hcl2.load(fh).get("module", []) for name, body in block.items()}
        for name, body in calls.items():
            label = name.strip('"')
            if label == "link_gcp_vpn":
                seen += 1
                assert body.get("ike_ciphers"), stack
            elif label == "link_azure_vpn":
                assert "ike_ciphers" not in body, stack
    assert seen, "an example has an AWS-GCP VPN"
