"""Schema validation of located YAML: the Kubernetes API schemas that kubernetes-validate ships, and
the CustomResourceDefinitions found in the scanned repository.

The validator walks our own node tree instead of handing plain data to jsonschema, so every issue
points at the offending key with its line and column, and one pass costs a fraction of a
millisecond per object.
"""
