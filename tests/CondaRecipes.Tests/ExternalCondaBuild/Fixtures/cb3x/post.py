# Fixture shaped like conda_build/post.py of the 3.2x releases (see ../README.md); not conda-build code.
from fnmatch import fnmatch
from os.path import dirname, join, normpath, relpath
import os
from subprocess import call, check_output, CalledProcessError

from conda_build.os_utils import external
from conda_build import utils
from conda_build.os_utils.liefldd import have_lief, get_rpaths_raw, set_rpath
from conda_build.os_utils.pyldd import codefile_type


'''
A module-level string at column 0, as the 3.2x files keep an old experiment between functions.
def not_a_function(x):
    return x
'''


def mk_relative_linux(f, prefix, rpaths=('lib',), method=None):
    'Keeps $ORIGIN entries, turns absolute entries inside the prefix into $ORIGIN-relative ones'

    elf = join(prefix, f)
    origin = dirname(elf)

    existing = []
    patchelf = external.find_executable('patchelf', prefix)
    if not patchelf:
        print("ERROR :: patchelf is missing, using LIEF for {} (was {})".format(elf, method))
        method = 'LIEF'
    else:
        try:
            existing = check_output([patchelf, '--print-rpath', elf]).decode('utf-8').splitlines()[0]
        except CalledProcessError:
            print("WARNING :: `patchelf --print-rpath` failed for {}".format(elf))
            method = 'LIEF'
        else:
            existing = existing.split(os.pathsep)
    if have_lief and method == 'LIEF':
        existing, _, _ = get_rpaths_raw(elf)
    new = []
    for old in existing:
        if old.startswith('$ORIGIN'):
            new.append(old)
        elif old.startswith('/'):
            # An absolute entry: inside the prefix it becomes relative, outside it is dropped.
            rp = relpath(old, prefix)
            if rp.startswith('..' + os.sep):
                print('Warning: rpath {} is outside prefix {} (removing it)'.format(old, prefix))
            else:
                rp = '$ORIGIN/' + relpath(old, origin)
                if rp not in new:
                    new.append(rp)
    # The requested rpaths (build/rpaths) come last.
    for rpath in rpaths:
        if rpath != '':
            if not rpath.startswith('/'):
                rel_ours = normpath(utils.relative(f, rpath))
                rel_stdlib = normpath(relpath(rpath, dirname(f)))
                assert rel_ours == rel_stdlib, 'utils.relative {} and relpath {} disagree for {}, {}'.format(
                    rel_ours, rel_stdlib, f, rpath)
                rpath = '$ORIGIN/' + rel_stdlib
            if rpath not in new:
                new.append(rpath)
    rpath = ':'.join(new)

    if not patchelf or (method and method.upper() == 'LIEF'):
        set_rpath(old_matching='*', new_rpath=rpath, file=elf)
    else:
        call([patchelf, '--force-rpath', '--set-rpath', rpath, elf])


def mk_relative_osx(path, host_prefix, m, files, rpaths=('lib',)):
    raise NotImplementedError('macOS relocation is not part of the fixture')


def post_process_shared_lib(m, f, files, host_prefix=None):
    if not host_prefix:
        host_prefix = m.config.host_prefix
    path = join(host_prefix, f)
    codefile_t = codefile_type(path)
    if not codefile_t or path.endswith('.debug'):
        return
    rpaths = m.get_value('build/rpaths', ['lib'])
    if codefile_t == 'elffile':
        mk_relative_linux(f, host_prefix, rpaths=rpaths,
                          method=m.get_value('build/rpaths_patcher', None))
    elif codefile_t == 'machofile':
        mk_relative_osx(path, host_prefix, m, files=files, rpaths=rpaths)


def post_build(m, files, build_python, host_prefix=None, is_already_linked=False):
    print('number of files:', len(files))
    for f in files:
        post_process_shared_lib(m, f, files, host_prefix)


def check_overlinking(m, files, host_prefix=None):
    # A later use of fnmatch, as in the real module, so the import is not unused.
    return [f for f in files if fnmatch(f, '*.so*')]
