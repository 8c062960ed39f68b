"""A pure-Python Kustomize renderer with field-level provenance.

`kustomize build` semantics (resources, components, generators, patches and the built-in
transformers, in kustomize's order) over located YAML nodes: every field of a rendered object
still knows the file, line and column it came from — the base, a patch, or the kustomization
entry that set it — so rules run on rendered objects unchanged and point at the origin.

Nothing is fetched or executed: remote bases, Helm charts, plugins, replacements and vars are
reported as not rendered, and the root's files are then checked as plain manifests.
"""
