"""Broadsheet: a terminal news reader for articles kept as plain files."""

__version__ = "0.1.0"
