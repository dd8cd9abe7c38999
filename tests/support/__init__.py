"""Helpers shared by the test suites, imported as `tests.support.<module>` (pyproject puts the
repository root on pytest's path), so they work whichever test directories pytest is given.
Fixtures stay in the conftest.py files; what they build from lives here.
"""
