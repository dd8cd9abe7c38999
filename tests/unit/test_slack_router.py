import pytest

from bot.slack import router


def _noop(ctx):  # noqa: ANN001
    return None


def test_registered_subcommands_are_found_by_name_and_alias_and_listed_in_help():
    subcommands = router.Subcommands()
    subcommands.add("zz-test", _noop, "`/copydesk zz-test`: a test entry", aliases=("zz-alias",))
    assert subcommands.find("ZZ-TEST").handler is _noop
    assert subcommands.find("zz-alias").name == "zz-test"
    assert "`/copydesk zz-test`: a test entry" in subcommands.help_text()
    subcommands.add("zz-test", _noop, "`/copydesk zz-test`: a test entry")  # idempotent


def test_a_taken_name_cannot_be_reused_by_another_handler():
    subcommands = router.Subcommands()
    subcommands.add("zz-taken", _noop, "x")
    with pytest.raises(ValueError, match="already registered"):
        subcommands.add("zz-taken", lambda ctx: None, "y")


def test_split_command_text():
    assert router.split_command_text("  Analyze   https://x y ") == ("analyze", "https://x y")
    assert router.split_command_text("") == ("", "")
