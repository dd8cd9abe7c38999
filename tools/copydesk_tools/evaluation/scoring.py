"""Scoring shared by the evaluation tasks: P/R/F1 and a printable result table."""

from __future__ import annotations

from dataclasses import dataclass, field


class MissingData(Exception):
    """The corpus for a task is not where it should be; the message says where it looked."""


@dataclass
class PRF:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1

    def add_sets(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def row(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class EvalResult:
    """One task's figures: rows of metric -> value for copydesk and for the baseline(s)."""

    task: str
    dataset: str
    items: int
    rows: dict[str, dict[str, float]] = field(default_factory=dict)  # system name -> metric -> value
    notes: list[str] = field(default_factory=list)

    def format(self) -> str:
        metrics: list[str] = []
        for values in self.rows.values():
            for metric in values:
                if metric not in metrics:
                    metrics.append(metric)
        width = max([len(name) for name in self.rows] + [8])
        lines = [f"{self.task} on {self.dataset} ({self.items} items)"]
        lines.append("  " + "system".ljust(width) + "".join(m.rjust(12) for m in metrics))
        for name, values in self.rows.items():
            cells = "".join(f"{values[m]:12.3f}" if m in values else " " * 12 for m in metrics)
            lines.append("  " + name.ljust(width) + cells)
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)
