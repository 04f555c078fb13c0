import sys


def greeting(name):
    return f"hello, {name} (Python {sys.version_info[0]}.{sys.version_info[1]})"


def run():
    name = sys.argv[1] if len(sys.argv) > 1 else "world"
    print(greeting(name))
    return 0
