"""REG: image references and registries (SP 800-190 4.2, 4.1.5)."""

from checks.registry.base_image_latest import base_image_latest_tag
from checks.registry.image_latest import image_latest_tag

RULES = (
    base_image_latest_tag,
    image_latest_tag,
)
