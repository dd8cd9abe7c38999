"""`python -m bot.cli ...`: the same as the `copydesk` console script (used to start real subprocesses)."""

from bot.cli import main

main()
