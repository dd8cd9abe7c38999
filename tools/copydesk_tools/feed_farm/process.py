"""Start the feed farm as its own process (so its threads never compete with the benchmark's
GIL) and read its plan and stamps over HTTP."""

from __future__ import annotations

import subprocess
import sys

import requests


class FarmProcess:
    def __init__(self, feeds: int, items: int, seed: int = 12):
        command = [sys.executable, "-m", "copydesk_tools.feed_farm", "--feeds", str(feeds), "--items", str(items),
                   "--seed", str(seed)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("http://"):
            self.process.kill()
            raise RuntimeError(f"the feed farm did not start (exit code {self.process.wait()})")
        self.base = line

    def feed_url(self, number: int) -> str:
        return f"{self.base}/feed/{number}.xml"

    def plan(self) -> list[dict]:
        return requests.get(f"{self.base}/_farm/plan", timeout=30).json()

    def stamps(self) -> dict:
        return requests.get(f"{self.base}/_farm/stamps", timeout=30).json()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> FarmProcess:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
