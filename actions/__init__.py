"""The Rasa action server: thin actions from slots to facts to ``bot.decide`` to messages.

Modules: ``forms`` (the assessment form's validation and questions),
``decision`` (the decision and what follows it), ``talk`` (greeting, help,
terms, stop, start again, fallback).
"""
