import pytest

from bot.slack import router


def _noop(ctx):  # noqa: ANN001
    return None


def test_registered_subcommands_are_found_by_name_and_alias_and_listed_in_help():
    router.register_subcommand("zz-test", _noop, "`/copydesk zz-test`: a test entry", aliases=("zz-alias",))
    assert router.find_subcommand("ZZ-TEST").handler is _noop
    assert router.find_subcommand("zz-alias").name == "zz-test"
    assert "`/copydesk zz-test`: a test entry" in router.help_text()
    router.register_subcommand("zz-test", _noop, "`/copydesk zz-test`: a test entry")  # idempotent


def test_a_taken_name_cannot_be_reused_by_another_handler():
    router.register_subcommand("zz-taken", _noop, "x")
    with pytest.raises(ValueError, match="already registered"):
        router.register_subcommand("zz-taken", lambda ctx: None, "y")


def test_split_command_text():
    assert router.split_command_text("  Analyze   https://x y ") == ("analyze", "https://x y")
    assert router.split_command_text("") == ("", "")
