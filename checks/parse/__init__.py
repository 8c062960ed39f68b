"""PARSE: files that could not be read or rendered, so their content was not checked."""

from checks.parse.dockerfile_syntax import dockerfile_parse_error
from checks.parse.duplicate_key import duplicate_mapping_key
from checks.parse.not_checkable import file_not_checkable
from checks.parse.not_rendered import template_not_rendered
from checks.parse.render_failed import render_failed
from checks.parse.yaml_syntax import yaml_syntax_error

RULES = (
    yaml_syntax_error,
    duplicate_mapping_key,
    dockerfile_parse_error,
    file_not_checkable,
    template_not_rendered,
    render_failed,
)
