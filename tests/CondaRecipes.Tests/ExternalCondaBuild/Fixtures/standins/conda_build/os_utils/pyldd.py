ELF_MAGIC = b"\x7fELF"


class elffile:
    pass


class machofile:
    pass


def _is_elf(path):
    with open(path, "rb") as handle:
        return handle.read(4) == ELF_MAGIC


def codefile_class(path, skip_symlinks=False):
    return elffile if _is_elf(path) else None


def codefile_type(path, skip_symlinks=False):
    return "elffile" if _is_elf(path) else None
