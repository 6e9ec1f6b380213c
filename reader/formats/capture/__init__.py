"""Page captures: the visible text of a news page, read into an article.

`parse` is the entry point; the other modules are its passes (lines,
features, learned roles, assembly) and the pattern rules they share.
"""

from reader.formats.capture.parse import analyse, parse_capture

__all__ = ["analyse", "parse_capture"]
