import logging
import os


def get_logger(name):
    return logging.getLogger(name)


def relative(f, d="lib"):
    # Only used by the 3.x-shaped fixture's consistency check; same answer as os.path.relpath.
    return os.path.relpath(d, os.path.dirname(f))
