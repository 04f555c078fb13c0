import shutil


def find_executable(name, prefix=None):
    # The real tool from PATH: the fixtures change RPATHs with the machine's patchelf.
    return shutil.which(name)
