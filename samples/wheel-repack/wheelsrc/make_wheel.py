"""Builds greeting-2.1.0-py3-none-any.whl from this folder with the standard library only (PEP 427).

usage: make_wheel.py SOURCE_DIR OUTPUT_DIR
Deterministic: fixed timestamps and file order, so an unchanged source gives a byte-identical wheel.
"""
import base64
import hashlib
import os
import sys
import zipfile

NAME, VERSION = "greeting", "2.1.0"
DIST = f"{NAME}-{VERSION}.dist-info"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def main(source, output):
    files = {}
    for root, _, names in os.walk(os.path.join(source, NAME)):
        for n in sorted(names):
            if n.endswith(".py"):
                full = os.path.join(root, n)
                files[os.path.relpath(full, source).replace(os.sep, "/")] = open(full, "rb").read()
    files[f"{DIST}/METADATA"] = f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\nSummary: Says hello\n".encode()
    files[f"{DIST}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: make_wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{DIST}/entry_points.txt"] = b"[console_scripts]\ngreet = greeting:main\n"
    record = "\n".join(record_line(p, d) for p, d in sorted(files.items())) + f"\n{DIST}/RECORD,,\n"
    files[f"{DIST}/RECORD"] = record.encode()

    os.makedirs(output, exist_ok=True)
    target = os.path.join(output, f"{NAME}-{VERSION}-py3-none-any.whl")
    tmp = target + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    os.replace(tmp, target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
