# LIEF is not used by the fixtures: patchelf does the work.
have_lief = False


def get_rpaths_raw(path):
    raise NotImplementedError("LIEF is not available in the fixtures")


def set_rpath(old_matching, new_rpath, file):
    raise NotImplementedError("LIEF is not available in the fixtures")
