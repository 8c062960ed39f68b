"""Git history as the linter sees it: trees of commits read from git objects (no work tree), the
commits of a checked range, their diffs and signatures.

Only ``gitops-lint check`` reads history; rules never do I/O, so everything a GIT rule needs is
collected here first (or read lazily through the blob cache) and handed to it as plain data.
"""
