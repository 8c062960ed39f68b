"""IMG: Dockerfile and image build content (SP 800-190 4.1)."""

from checks.image.runs_as_root import image_runs_as_root

RULES = (image_runs_as_root,)
