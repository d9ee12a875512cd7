"""Stores that fail loudly: the conversation (tracker) store and the small shared state store.

- ``bot.stores.tracker.LoudSQLTrackerStore``: Rasa's SQL tracker store with no
  silent fallback (configured by ``bot.serve.write_endpoints``);
- ``bot.stores.state.StateStore``: replies by ``message_id`` and Slack event
  ids, on SQLAlchemy (``STATE_URL``);
- ``bot.stores.turn``: what happened during the turn being handled, and the
  store's health for ``/webhooks/web/health``.
"""
