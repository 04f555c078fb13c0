"""Says hello; installed from a wheel by the wheel-repack sample."""
import sys

__version__ = "2.1.0"


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    print(f"hello, {args[0] if args else 'world'}")
    return 0
