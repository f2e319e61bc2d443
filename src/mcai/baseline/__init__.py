"""Base-branch comparison: what a plan would create, change, replace or destroy compared with a previous generated
tree, from the manifests' per-resource records (rendered address, resource class, digests of the values that
force replacement and of the rest). No terraform run; `records` builds the records at render time, `diff` compares
two sets of them (pure); only `writer.previous_manifest` reads the baseline directory."""
