"""Every YAML file in deploy/ passes yamllint with deploy/.yamllint.yaml (errors and warnings)."""

from __future__ import annotations

from tests.support.deploy import DEPLOY


def test_deploy_yaml_is_lint_free(module):
    config_module = module("yamllint.config")
    linter = module("yamllint.linter")
    config = config_module.YamlLintConfig(file=str(DEPLOY / ".yamllint.yaml"))
    files = sorted(DEPLOY.rglob("*.yaml")) + sorted(DEPLOY.rglob("*.yml"))
    assert len(files) >= 10  # compose, the k8s manifests, the lint config
    problems = [
        f"{path.relative_to(DEPLOY)}:{problem.line}: {problem.desc} ({problem.rule})"
        for path in files
        for problem in linter.run(path.read_text(encoding="utf-8"), config, str(path))
    ]
    assert not problems, "\n".join(problems)


def test_the_lint_config_does_catch_a_problem(module):
    config = module("yamllint.config").YamlLintConfig(file=str(DEPLOY / ".yamllint.yaml"))
    problems = list(module("yamllint.linter").run("key: 1\nkey: 2\n", config))
    assert any(problem.rule == "key-duplicates" for problem in problems)
