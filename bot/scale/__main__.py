"""``python -m bot.scale``: the launcher behind ``make run-scaled``."""

import sys

from bot.scale.launcher import main

sys.exit(main())
