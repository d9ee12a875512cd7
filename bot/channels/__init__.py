"""Channels the project adds to Rasa: the web page and Slack."""
