"""CI files `mcai init --ci github|gitlab` writes into a repository (pure: the writer puts them on disk).

GitHub: the workflow plus a copy of mcai's composite action (`.github/actions/mcai/action.yml`), so nothing depends
on where mcai is hosted. GitLab: one job file to include. Values are checked before they go into YAML.
"""

from __future__ import annotations

import re

from mcai import assets

SAFE = re.compile(r"[A-Za-z0-9._/@:+=~%#?&,\[\]-]+")
FILES = {
    "github": {".github/workflows/mcai.yml": "templates/ci/github-workflow.yml",
               ".github/actions/mcai/action.yml": "action.yml"},
    "gitlab": {".gitlab/mcai.gitlab-ci.yml": "templates/ci/gitlab-ci.yml"},
}


def ci_files(system: str, spec: str, out: str, package: str) -> dict[str, bytes]:
    """path in the repository -> content. ValueError for a value that cannot go into the YAML safely."""
    values = {"@SPEC@": spec, "@OUT@": out, "@PACKAGE@": package}
    for marker, value in values.items():
        if not SAFE.fullmatch(value):
            raise ValueError(f"{marker.strip('@').lower()} {value!r}: use letters, digits and ._/@:+=~%#?&,[]- only")
    out_files: dict[str, bytes] = {}
    for target, source in FILES[system].items():
        text = (assets.root() / source).read_text(encoding="utf-8")
        for marker, value in values.items():
            text = text.replace(marker, value)
        out_files[target] = text.encode("utf-8")
    return out_files
