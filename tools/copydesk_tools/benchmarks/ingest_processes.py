"""The processes of one `copydesk bench ingest` run: `copydesk db upgrade`, one `copydesk scheduler`
(the clock) and N `copydesk worker`s, started as an operator starts them (`python -m bot.cli`, the
settings in the environment), each logging to a file of its own.

Readiness comes from the processes themselves: a worker is ready when its /healthz answers on
COPYDESK_WORKER_METRICS_PORT (it starts serving once the model is loaded and warm), the scheduler
when its /metrics says copydesk_scheduler_leader 1. Everything logs at WARNING: procrastinate
logs each job at INFO, which on two cores costs the workers measurable time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import requests

from copydesk_tools.serve_process import free_port

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")  # /proc/PID/stat counts CPU time in these
STOP_GRACE_S = 30  # SIGTERM, then this long to hand back or finish jobs, then SIGKILL
READY_TIMEOUT_S = 180  # a cold spaCy load while three others load theirs on two cores


class ProcessFailed(RuntimeError):
    """A process exited or never became ready; the message carries the tail of its log."""


def process_env(database_url: str, log_dir: Path, settings: Mapping[str, str]) -> dict[str, str]:
    """This environment without any COPYDESK_/SLACK_ setting of the caller's, plus `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COPYDESK_", "SLACK_"))}
    env.update(
        COPYDESK_DATABASE_URL=database_url,
        COPYDESK_DATA_DIR=str(log_dir),
        COPYDESK_FETCH_ALLOW_PRIVATE="true",  # the farm is on loopback
        COPYDESK_LOG_LEVEL="WARNING",
        SLACK_BOT_TOKEN="xoxb-bench-ingest",
        COPYDESK_SLACK_API_URL="http://127.0.0.1:9/api/",  # nothing is posted; a stray call fails fast
        PYTHONUNBUFFERED="1",
    )
    env.update(settings)
    return env


class Fleet:
    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env, self.log_dir = env, log_dir
        self.processes: dict[str, subprocess.Popen] = {}

    def run_to_completion(self, name: str, *args: str, timeout: float = 300) -> None:
        log = self.log_dir / f"{name}.log"
        with log.open("wb") as handle:
            result = subprocess.run(
                [sys.executable, "-m", "bot.cli", *args], env=self.env, cwd=self.log_dir,
                stdout=handle, stderr=subprocess.STDOUT, timeout=timeout,
            )  # fmt: skip
        if result.returncode != 0:
            raise ProcessFailed(f"copydesk {' '.join(args)} exited with {result.returncode}:\n{_tail(log)}")

    def start(self, name: str, *args: str, **settings: str) -> None:
        with (self.log_dir / f"{name}.log").open("wb") as handle:
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", *args], env={**self.env, **settings}, cwd=self.log_dir,
                stdout=handle, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def start_workers(self, count: int, extra_args: tuple[str, ...] = (), prefix: str = "worker-") -> list[int]:
        """Start `count` workers, each with its own metrics port; wait until every /healthz answers."""
        ports = []
        for index in range(count):
            port = free_port()
            self.start(f"{prefix}{index}", "worker", *extra_args, COPYDESK_WORKER_METRICS_PORT=str(port))
            ports.append(port)
        for index, port in enumerate(ports):
            self.wait_until(f"{prefix}{index}", lambda port=port: _get(port, "/healthz") == "ok")
        return ports

    def start_scheduler(self) -> int:
        port = free_port()
        self.start("scheduler", "scheduler", COPYDESK_SCHEDULER_METRICS_PORT=str(port))
        self.wait_until("scheduler", lambda: "copydesk_scheduler_leader 1.0" in (_get(port, "/metrics") or ""))
        return port

    def wait_until(self, name: str, ready, timeout: float = READY_TIMEOUT_S) -> None:
        process = self.processes[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ProcessFailed(f"{name} exited with {process.returncode}:\n{_tail(self.log_dir / f'{name}.log')}")
            if ready():
                return
            time.sleep(0.5)
        raise ProcessFailed(f"{name} not ready after {timeout:.0f} s:\n{_tail(self.log_dir / f'{name}.log')}")

    def peak_rss_mb(self, prefix: str) -> float:
        """The largest peak resident set (Linux VmHWM) among the running processes named `prefix`..."""
        peaks = [0.0]
        for name, process in self.processes.items():
            status = Path(f"/proc/{process.pid}/status")
            if name.startswith(prefix) and process.poll() is None and status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
        return max(peaks)

    def cpu_seconds(self, prefix: str = "") -> float:
        """CPU time (user + system) used so far by the running processes named `prefix`..."""
        total = 0.0
        for name, process in self.processes.items():
            stat = Path(f"/proc/{process.pid}/stat")
            if name.startswith(prefix) and process.poll() is None and stat.exists():
                fields = stat.read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        return total

    def alive(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is None]

    def stop(self) -> dict[str, int]:
        """SIGTERM everyone at once, then wait; returns each exit code (SIGKILLed ones: -9)."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        codes = {}
        for name, process in self.processes.items():
            try:
                codes[name] = process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        return codes


def _get(port: int, path: str) -> str | None:
    try:
        response = requests.get(f"http://127.0.0.1:{port}{path}", timeout=2)
    except requests.RequestException:
        return None
    return response.text.strip() if response.status_code == 200 else None


def _tail(path: Path, size: int = 2000) -> str:
    return path.read_text(errors="replace")[-size:] if path.exists() else "(no log)"
