"""A feed farm for `copydesk bench ingest`: thousands of RSS/Atom feeds and their article pages,
served by a real HTTP server process on loopback, some of them slow, dead or malformed.

plan.py decides what each feed is; newstext.py writes the articles; server.py serves both and
records when each feed was first requested; process.py starts the farm as a process and reads it;
`python -m copydesk_tools.feed_farm --feeds 2000 --items 20000` runs it by hand.
"""
