"""The Slack channel (placeholder while the full connector is written)."""

from rasa.core.channels.slack import SlackInput


class SlackChannel(SlackInput):
    """Slack events and interactivity under ``/webhooks/slack/webhook``."""
