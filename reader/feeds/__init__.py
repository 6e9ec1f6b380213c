"""Feeds: subscriptions, reading RSS/Atom/JSON Feed, and turning new entries into articles.

- `subscriptions`: the user's `feeds.toml` in the config folder (`Subscription`,
  `load_subscriptions`, `save_subscriptions`).
- `model`: what a parsed feed holds (`ParsedFeed`, `FeedEntry`), before any article is made.
- `parse`: feed bytes to a `ParsedFeed` (`parse_feed`); `jsonfeed` reads JSON Feed,
  `xmlsafe` refuses XML that declares entities.
- `opml`: OPML import and export.
- `discover`: the feeds a web page advertises.
- `entry_article`: an entry to a sanitised `Article`, its body from the entry's HTML
  by `entry_html`; `pages`: the full text and lead photo an entry brings from the web.
- `state`: per-feed fetch state (etag, last-modified, entries seen).
- `fetch`: `fetch_all` / `fetch_all_async`, the concurrent update of every feed, with
  `FeedProgress` steps for a display (`progress`); `subscribe`: what `reader feed add` fetches.

Nothing here imports Textual; the TUI calls `fetch_all` from a worker thread.
"""
