"""Run the assistant scaled out: PostgreSQL, Redis, several Rasa servers behind nginx.

``python -m bot.scale`` (``make run-scaled``) starts everything and stops it
on Ctrl-C or SIGTERM; :mod:`bot.scale.services` runs the Debian services,
:mod:`bot.scale.balancer` writes nginx's configuration, and
:mod:`bot.scale.cluster` puts the pieces together for the launcher, the
tests (tests/scale) and the benchmark (bench/scale.py).
"""
