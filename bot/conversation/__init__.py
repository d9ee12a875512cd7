"""The conversation's plain-Python helpers (no Rasa import, except ``rasa_speedups``).

- ``dialogue``: one turn: a message read once (``reading_adapter.hear``), its
  findings applied, the reply (danger, confirmations, say-back, undo, decision).
- ``reading_adapter``: the one call to ``bot.reading.read``, plus the
  conversation's own commands ("change <answer>", "carry on").
- ``questions`` / ``questions.yml``: each fact's question, buttons, "why we ask".
- ``parsing``: free text to a candidate fact value ("she's seven" -> 7).
- ``flow``: which questions apply, what an answer implies, how a question is put.
- ``correction``: "actually attendance is 60%" -> (fact, value).
- ``glossary`` / ``glossary.yml``: terms explained from the domain reference.
- ``messages`` / ``messages.yml``: the fixed messages (greeting, help, stop...).
- ``render``: the decision, its reasons and what would change it, as text.
- ``summary``: the referral summary, with no names.
- ``payload``: ``build_payload(facts)``, the decision message's custom payload.
- ``rasa_speedups``: a no-op pipeline component that makes Rasa check action
  responses with a schema compiled once (imports Rasa; used from config.yml).
"""
