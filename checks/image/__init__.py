"""IMG: Dockerfile and image build content (SP 800-190 4.1)."""

from checks.image.add_local import add_local_source
from checks.image.add_remote import add_remote_without_checksum
from checks.image.context_ignore import copy_context_without_dockerignore
from checks.image.copy_whole_stage import copy_entire_stage_filesystem
from checks.image.healthcheck import missing_healthcheck
from checks.image.insecure_download import insecure_download
from checks.image.install_bloat import package_install_bloat
from checks.image.maintainer import deprecated_maintainer
from checks.image.non_minimal import non_minimal_final_image
from checks.image.pipe_to_shell import remote_script_piped_to_shell
from checks.image.pipefail import missing_pipefail
from checks.image.remote_access import remote_access_service
from checks.image.runs_as_root import image_runs_as_root
from checks.image.security_insecure import run_security_insecure
from checks.image.setuid import setuid_setgid_bit
from checks.image.signature_disabled import package_signature_check_disabled
from checks.image.singleton import repeated_singleton_instruction
from checks.image.stage_reference import invalid_stage_reference
from checks.image.sudo import sudo_in_image
from checks.image.unpinned_packages import unpinned_packages
from checks.image.update_alone import package_update_alone
from checks.image.workdir import unsafe_workdir

RULES = (
    image_runs_as_root,
    sudo_in_image,
    setuid_setgid_bit,
    remote_access_service,
    add_local_source,
    add_remote_without_checksum,
    remote_script_piped_to_shell,
    insecure_download,
    package_signature_check_disabled,
    run_security_insecure,
    unpinned_packages,
    package_update_alone,
    package_install_bloat,
    missing_pipefail,
    unsafe_workdir,
    invalid_stage_reference,
    copy_entire_stage_filesystem,
    repeated_singleton_instruction,
    deprecated_maintainer,
    missing_healthcheck,
    copy_context_without_dockerignore,
    non_minimal_final_image,
)
