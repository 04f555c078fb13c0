"""A greeting tool, the same for every Python."""

__version__ = "1.4.0"
