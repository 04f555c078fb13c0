"""Builds on pyext_demo, which comes from another package of the local channel."""
from pyext_demo import triple


def sextuple(n):
    return 2 * triple(n)
