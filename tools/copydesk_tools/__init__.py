"""Copydesk's development tools: the Slack Web API stub, the serve-process helper, benchmarks and evaluation.

Installed by `make install` as the separate distribution copydesk-tools; the product never imports it.
"""
