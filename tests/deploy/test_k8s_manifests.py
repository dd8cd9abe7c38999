"""deploy/k8s: every manifest valid against the Kubernetes schemas (offline, strict), and wired
together the way an operator relies on: the Service, PDB and HPA find the web pods, probes hit
the real endpoints, and every container runs a real `copydesk` command."""

from __future__ import annotations

import copy

import pytest

from tests.support.deploy import K8S, cli_accepts, load_documents

# The oldest Kubernetes we support (README) and the newest the schemas ship.
KUBERNETES_VERSIONS = ("1.28.0", "1.37.0")
WEB_LABELS = {"app.kubernetes.io/name": "copydesk", "app.kubernetes.io/component": "web"}
WORKER_LABELS = {"app.kubernetes.io/name": "copydesk", "app.kubernetes.io/component": "worker"}


def kustomization() -> dict:
    return load_documents(K8S / "kustomization.yaml")[0]


def resources() -> list[dict]:
    return [doc for name in kustomization()["resources"] for doc in load_documents(K8S / name)]


def resource(kind: str, name: str) -> dict:
    found = [doc for doc in resources() if doc["kind"] == kind and doc["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


@pytest.fixture(scope="module")
def validate(module):
    kubernetes_validate = module("kubernetes_validate")

    def check(document: dict, version: str) -> None:
        kubernetes_validate.validate(document, version, strict=True)

    return check


def test_the_kustomization_lists_every_manifest_but_the_secret_template():
    listed = set(kustomization()["resources"])
    present = {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present - {"secret.template.yaml"}
    assert all((K8S / name).exists() for name in listed)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_matches_the_kubernetes_schema(validate, version):
    documents = resources() + load_documents(K8S / "secret.template.yaml")
    kinds = {doc["kind"] for doc in documents}
    assert {"Deployment", "Service", "ConfigMap", "Secret", "Job", "PodDisruptionBudget"} <= kinds
    assert "HorizontalPodAutoscaler" in kinds
    for document in documents:
        validate(document, version)  # raises with the failing path on any mistake


def test_the_schema_check_rejects_a_misspelt_field(validate, module):
    kubernetes_validate = module("kubernetes_validate")
    broken = copy.deepcopy(resource("Deployment", "copydesk-web"))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGett"] = {"path": "/readyz"}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(broken, KUBERNETES_VERSIONS[-1])


def test_web_runs_two_or_more_replicas_with_health_probes_and_requests():
    web = resource("Deployment", "copydesk-web")
    assert web["spec"]["replicas"] >= 2
    assert web["spec"]["selector"]["matchLabels"] == WEB_LABELS
    (container,) = pod_spec(web)["containers"]
    port = container["ports"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["port"] in (port["name"], port["containerPort"])
    assert str(port["containerPort"]) in container["args"]  # serve listens where the probes look
    assert {"cpu", "memory"} <= container["resources"]["requests"].keys()


def test_every_pod_runs_unprivileged_on_a_read_only_root():
    for workload in resources():
        if workload["kind"] not in ("Deployment", "Job"):
            continue
        spec = pod_spec(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["runAsUser"] == 10001  # the user the Dockerfile creates
        for container in spec["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_service_pdb_and_autoscaler_target_the_web_pods():
    web = resource("Deployment", "copydesk-web")
    pod_labels = web["spec"]["template"]["metadata"]["labels"]
    service = resource("Service", "copydesk-web")
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == pod_spec(web)["containers"][0]["ports"][0]["name"]
    pdb = resource("PodDisruptionBudget", "copydesk-web")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert pdb["spec"]["minAvailable"] < web["spec"]["replicas"]  # a drain can always proceed
    hpa = resource("HorizontalPodAutoscaler", "copydesk-web")
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "copydesk-web"}
    assert hpa["spec"]["minReplicas"] >= 2
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"


def test_scheduler_is_one_active_plus_a_standby_and_never_autoscaled():
    scheduler = resource("Deployment", "copydesk-scheduler")
    assert scheduler["spec"]["replicas"] == 2
    (container,) = pod_spec(scheduler)["containers"]
    assert container["args"] == ["scheduler"]
    targets = [doc["spec"]["scaleTargetRef"]["name"] for doc in resources() if doc["kind"] == "HorizontalPodAutoscaler"]
    assert "copydesk-scheduler" not in targets


def test_workers_probe_and_export_on_their_metrics_port_and_finish_jobs_on_sigterm():
    worker = resource("Deployment", "copydesk-worker")
    assert worker["spec"]["selector"]["matchLabels"] == WORKER_LABELS
    template = worker["spec"]["template"]
    (container,) = template["spec"]["containers"]
    assert container["args"] == ["worker"]
    port = container["ports"][0]
    env = {item["name"]: item["value"] for item in container["env"]}
    assert env["COPYDESK_WORKER_METRICS_PORT"] == str(port["containerPort"])  # the worker listens there
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
        assert container[probe]["httpGet"]["port"] in (port["name"], port["containerPort"])
    startup = container["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 60  # room for the model to load
    annotations = template["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(port["containerPort"])
    # One spaCy model per pod and one analysis at a time: a whole core, and room for the model.
    requests = container["resources"]["requests"]
    assert requests["cpu"] in ("1", "1000m")
    assert _mebibytes(requests["memory"]) >= 400 and _mebibytes(container["resources"]["limits"]["memory"]) >= 768
    # Longer than a feed fetch (COPYDESK_FETCH_TOTAL_TIMEOUT, 15 s): SIGTERM lets running jobs end.
    assert template["spec"]["terminationGracePeriodSeconds"] > 15


def test_workers_autoscale_on_the_queue_depth_through_the_external_metrics_api():
    hpa = resource("HorizontalPodAutoscaler", "copydesk-worker")
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "copydesk-worker"}
    (metric,) = hpa["spec"]["metrics"]
    assert metric["type"] in ("External", "Pods")
    source = metric[metric["type"].lower()]
    assert source["metric"]["name"] == "copydesk_task_queue_depth"
    assert hpa["spec"]["minReplicas"] >= 1 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    # The metric only exists for the HPA when an adapter serves it; the manifest says which.
    assert "prometheus-adapter" in (K8S / "worker-hpa.yaml").read_text(encoding="utf-8")
    config = resource("ConfigMap", "copydesk-config")["data"]
    assert config["COPYDESK_TASK_QUEUE"] == "procrastinate"  # else the scheduler runs the jobs itself


def _mebibytes(quantity: str) -> float:
    units = {"Mi": 1, "Gi": 1024}
    return float(quantity[:-2]) * units[quantity[-2:]]


def test_the_migration_job_upgrades_the_schema():
    job = resource("Job", "copydesk-migrate")
    (container,) = pod_spec(job)["containers"]
    assert container["args"] == ["db", "upgrade"]
    assert pod_spec(job)["restartPolicy"] in ("OnFailure", "Never")


def test_every_container_runs_a_real_copydesk_command_from_the_kustomized_image():
    image_names = {image["name"] for image in kustomization()["images"]}
    for workload in resources():
        if workload["kind"] not in ("Deployment", "Job"):
            continue
        for container in pod_spec(workload)["containers"]:
            assert container["image"] in image_names
            accepted, output = cli_accepts(container["args"])
            assert accepted, f"{workload['metadata']['name']}: copydesk {' '.join(container['args'])}: {output}"


def test_config_and_secret_keys_are_real_settings():
    from bot.config import Settings

    known = {name for field in Settings.model_fields.values() for name in _env_names(field)}
    known |= {f"COPYDESK_{name.upper()}" for name in Settings.model_fields}
    config = resource("ConfigMap", "copydesk-config")["data"]
    secret = load_documents(K8S / "secret.template.yaml")[0]["stringData"]
    unknown = (config.keys() | secret.keys()) - known
    assert not unknown, f"not settings Copydesk reads: {sorted(unknown)}"
    assert {"SLACK_SIGNING_SECRET", "COPYDESK_DATABASE_URL", "COPYDESK_ENCRYPTION_KEY"} <= secret.keys()
    for workload in resources():
        if workload["kind"] in ("Deployment", "Job"):
            sources = pod_spec(workload)["containers"][0]["envFrom"]
            names = {next(iter(source.values()))["name"] for source in sources}
            assert names == {"copydesk-config", "copydesk-secrets"}


def _env_names(field) -> list[str]:  # noqa: ANN001
    alias = field.validation_alias
    return [choice for choice in getattr(alias, "choices", []) if isinstance(choice, str)]
