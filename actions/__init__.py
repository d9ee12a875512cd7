"""The Rasa action server: thin actions from the tracker to one reading per message and back.

Modules: ``forms`` (every message during the questions), ``respond`` (every
message outside them). The conversation's logic is ``bot.conversation.dialogue``.
"""
