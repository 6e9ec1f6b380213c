"""Bringing articles in: fetching pages safely, extracting articles, writing them to the library.

- `http`: fetch an http(s) URL with a size cap, a timeout, checked redirects
  and conditional GET (`fetch`, `fetch_sync`, `FetchError`, `FetchLimits`).
- `extract`: an HTML page to an `Article` (`extract_article`, `NotAnArticle`).
- `write`: an `Article` to a Markdown file in the library, once
  (`write_article`, `article_to_markdown`, `WriteResult`).
- `add`: what `reader add` does with each path or URL.

Remote content is data: only http and https URLs are fetched, nothing in a
page is run, and every text field is sanitised by `reader.formats.text`.
"""
