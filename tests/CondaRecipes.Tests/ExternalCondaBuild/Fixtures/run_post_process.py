"""Runs conda_build.post.post_process_shared_lib on one file, as post_build does for each file.

usage: run_post_process.py SITE_PACKAGES HOST_PREFIX RELATIVE_FILE METADATA_JSON
METADATA_JSON maps "section/key" to values, e.g. {"build/host_runpath_whitelist": ["/opt/cray/*"]}.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])

from conda_build import post  # noqa: E402


class Metadata:
    """The part of conda-build's MetaData that post_process_shared_lib reads."""

    def __init__(self, values):
        self._values = values

    def get_value(self, name, default=None):
        return self._values.get(name, default)


host_prefix, relative_file = sys.argv[2], sys.argv[3]
m = Metadata(json.loads(sys.argv[4]))
post.post_process_shared_lib(m, relative_file, [relative_file], host_prefix)
