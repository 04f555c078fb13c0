# Fixture shaped like conda_build/post.py of the 24.x-26.x releases (see ../README.md); not conda-build code.
from __future__ import annotations

import os
import traceback
from fnmatch import fnmatch
from os.path import (
    dirname,
    join,
    normpath,
    relpath,
)
from subprocess import CalledProcessError, call, check_output

from . import utils
from .os_utils import external
from .os_utils.liefldd import (
    get_rpaths_raw,
    have_lief,
    set_rpath,
)
from .os_utils.pyldd import (
    codefile_class,
    elffile,
    machofile,
)


def mk_relative_linux(f, prefix, rpaths=("lib",), method=None):
    "Keeps $ORIGIN entries, turns absolute entries inside the prefix into $ORIGIN-relative ones"

    elf = join(prefix, f)
    origin = dirname(elf)

    existing_pe = None
    patchelf = external.find_executable("patchelf", prefix)
    if not patchelf:
        print(
            f"ERROR :: patchelf is missing, using LIEF for {elf} (was {method})"
        )
        method = "LIEF"
    else:
        try:
            existing_pe = (
                check_output([patchelf, "--print-rpath", elf])
                .decode("utf-8")
                .splitlines()[0]
            )
        except CalledProcessError:
            print(f"WARNING :: `patchelf --print-rpath` failed for {elf}")
            method = "LIEF"
        else:
            existing_pe = existing_pe.split(os.pathsep)
    existing = existing_pe
    if have_lief:
        try:
            existing2, _, _ = get_rpaths_raw(elf)
        except Exception as e:
            traceback.print_tb(e.__traceback__)
            method = "patchelf"
        else:
            if method == "LIEF":
                existing = existing2
    new = []
    for old in existing:
        if old.startswith("$ORIGIN"):
            new.append(old)
        elif old.startswith("/"):
            # An absolute entry: inside the prefix it becomes relative, outside it is dropped.
            rp = relpath(old, prefix)
            if rp.startswith(".." + os.sep):
                print(f"Warning: rpath {old} is outside prefix {prefix} (removing it)")
            else:
                rp = "$ORIGIN/" + relpath(old, origin)
                if rp not in new:
                    new.append(rp)
    # The requested rpaths (build/rpaths) come last.
    for rpath in rpaths:
        if rpath != "":
            if not rpath.startswith("/"):
                rpath = "$ORIGIN/" + normpath(relpath(rpath, dirname(f)))
            if rpath not in new:
                new.append(rpath)
    rpath = ":".join(new)

    if not patchelf or (method and method.upper() == "LIEF"):
        set_rpath(old_matching="*", new_rpath=rpath, file=elf)
    else:
        call([patchelf, "--force-rpath", "--set-rpath", rpath, elf])


def mk_relative_osx(path, host_prefix, m, files, rpaths=("lib",)):
    raise NotImplementedError("macOS relocation is not part of the fixture")


def post_process_shared_lib(m, f, files, host_prefix=None):
    if not host_prefix:
        host_prefix = m.config.host_prefix
    path = join(host_prefix, f)
    codefile = codefile_class(path, skip_symlinks=True)
    if not codefile or path.endswith(".debug"):
        return
    rpaths = m.get_value("build/rpaths", ["lib"])
    if codefile == elffile:
        mk_relative_linux(
            f,
            host_prefix,
            rpaths=rpaths,
            method=m.get_value("build/rpaths_patcher", None),
        )
    elif codefile == machofile:
        if m.config.host_platform != "osx":
            log = utils.get_logger(__name__)
            log.warning(
                "Found Mach-O file but patching is only supported on macOS, skipping: %s",
                path,
            )
            return
        mk_relative_osx(path, host_prefix, m, files=files, rpaths=rpaths)


def post_build(m, files, build_python, host_prefix=None, is_already_linked=False):
    print("number of files:", len(files))
    for f in files:
        post_process_shared_lib(m, f, files, host_prefix)


def check_overlinking(m, files, host_prefix=None):
    return [f for f in files if fnmatch(f, "*.so*")]
