# Fixture: a hypothetical later conda_build/post.py whose layout the patch must refuse (see ../README.md).
from __future__ import annotations

import os
from os.path import dirname, join, normpath, relpath
from subprocess import call, check_output

from .os_utils import external
from .os_utils.pyldd import codefile_class, elffile


def _relocated_entry(old, prefix, origin):
    """One existing RPATH entry after relocation, or None when it is dropped."""
    if old.startswith("$ORIGIN"):
        return old
    if old.startswith("/"):
        rp = relpath(old, prefix)
        if rp.startswith(".." + os.sep):
            print(f"Warning: rpath {old} is outside prefix {prefix}; dropped")
            return None
        return "$ORIGIN/" + relpath(old, origin)
    return None


def mk_relative_linux(f, prefix, rpaths=("lib",), method=None):
    "Keeps $ORIGIN entries, turns absolute entries inside the prefix into $ORIGIN-relative ones"
    elf = join(prefix, f)
    origin = dirname(elf)
    patchelf = external.find_executable("patchelf", prefix)
    existing = check_output([patchelf, "--print-rpath", elf]).decode("utf-8").splitlines()[0].split(os.pathsep)
    new = [e for e in (_relocated_entry(old, prefix, origin) for old in existing) if e]
    for rpath in rpaths:
        rpath = rpath if rpath.startswith("/") else "$ORIGIN/" + normpath(relpath(rpath, dirname(f)))
        if rpath not in new:
            new.append(rpath)
    call([patchelf, "--force-rpath", "--set-rpath", ":".join(new), elf])


def post_process_shared_lib(m, f, files, host_prefix=None):
    path = join(host_prefix, f)
    if codefile_class(path, skip_symlinks=True) == elffile:
        mk_relative_linux(
            f,
            host_prefix,
            rpaths=m.get_value("build/rpaths", ["lib"]),
            method=m.get_value("build/rpaths_patcher", None),
        )
