"""What /proc tells about the apps the benchmark runs: their children, CPU time, peak memory."""

from __future__ import annotations

from pathlib import Path

TICKS = 100
"""Clock ticks per second in /proc/PID/stat (os.sysconf('SC_CLK_TCK') on Linux)."""


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of one process so far, None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def vm_hwm_kb(pid: int) -> int | None:
    """The peak resident memory (VmHWM) of one process in kB, None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def peak_memory_kb(pid: int) -> int | None:
    """The largest VmHWM (peak resident memory) in the process tree of `pid`, in kB."""
    peaks = [peak for member in process_tree(pid) if (peak := vm_hwm_kb(member)) is not None]
    return max(peaks) if peaks else None
