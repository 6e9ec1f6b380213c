"""Drive apps in real terminals for benchmarks: a private tmux server and one control client.

    with Tmux() as tmux:
        started = tmux.start("run1", "python app.py", width=120, height=40)
        seen = tmux.wait_for("run1", lambda screen: "ready" in screen, since=started)
        print(seen.seconds, seen.resolution_ms)

A private server (`tmux -L broadsheet-bench-<pid>`, no config file) keeps the
user's own tmux sessions untouched; closing it kills every session it ran.
All commands go through one control-mode client (`tmux -C`), so polling the
screen costs a round trip of about 0.1 ms instead of a process start (about
2 ms, and a CPU core's worth of forks when polled in a loop).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType


class TmuxError(RuntimeError):
    """A tmux command failed, or the app in a pane died."""


@dataclass(frozen=True)
class Seen:
    """What `wait_for` saw: when the screen matched, or that it never did."""

    seconds: float | None
    """From `since` to the first capture that matched; None on timeout."""
    polls: int
    """How many captures were taken."""
    resolution_ms: float
    """The mean time between two captures (the measurement's resolution)."""
    screen: str
    """The last capture."""


class Tmux:
    """A private tmux server driven through a control-mode client."""

    def __init__(self, poll_interval: float = 0.001) -> None:
        """Start the server with a keeper session and attach the control client."""
        self.poll_interval = poll_interval
        self.socket = f"broadsheet-bench-{os.getpid()}"
        self._base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        keeper = [*self._base, "new-session", "-d", "-s", "keeper", "-x", "80", "-y", "24"]
        subprocess.run([*keeper, "sleep 86400"], check=True)
        self._client = subprocess.Popen(
            [*self._base, "-C", "attach-session", "-t", "keeper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self._block()  # the reply to attach-session itself
        self.command("refresh-client", "-f", "no-output")
        # A dead app's last screen (a traceback) stays readable until its session is killed.
        self.command("set-option", "-g", "remain-on-exit", "on")

    def __enter__(self) -> Tmux:
        """Use as a context manager: the server is killed on exit."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Kill the server and every session in it."""
        self.close()

    def close(self) -> None:
        """Kill the server (every session in it) and the control client."""
        subprocess.run([*self._base, "kill-server"], capture_output=True)
        if self._client.stdin is not None:
            self._client.stdin.close()
        try:
            self._client.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._client.kill()
            self._client.wait()

    def _block(self) -> str:
        """Read the control client's next reply block (%begin ... %end)."""
        assert self._client.stdout is not None
        lines: list[bytes] | None = None
        while True:
            line = self._client.stdout.readline()
            if not line:
                raise TmuxError("the tmux control client exited")
            if line.startswith(b"%begin"):
                lines = []
            elif lines is not None and line.startswith((b"%end", b"%error")):
                text = b"".join(lines).decode("utf-8", errors="replace")
                if line.startswith(b"%error"):
                    raise TmuxError(text.strip())
                return text
            elif lines is not None:
                lines.append(line)

    def command(self, *args: str) -> str:
        """Run one tmux command and return what it printed."""
        assert self._client.stdin is not None
        self._client.stdin.write((" ".join(shlex.quote(arg) for arg in args) + "\n").encode())
        return self._block()

    def start(self, name: str, command: str, width: int, height: int, cwd: str = "/") -> float:
        """Start `command` (a shell command) in a new session; returns the time it was asked."""
        started = time.perf_counter()
        size = ["-x", str(width), "-y", str(height)]
        self.command("new-session", "-d", "-s", name, *size, "-c", cwd, command)
        return started

    def capture(self, name: str, styles: bool = False) -> str:
        """The text on the session's screen now (with its escape sequences when `styles`)."""
        return self.command("capture-pane", "-p", *(["-e"] if styles else []), "-t", name)

    def press(self, name: str, key: str) -> float:
        """Send one key (tmux's name: End, Enter, Escape, Home, q); returns when it was sent."""
        sent = time.perf_counter()
        self.command("send-keys", "-t", name, key)
        return sent

    def pid(self, name: str) -> int:
        """The process id of the pane's command."""
        return int(self.command("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def dead(self, name: str) -> bool:
        """True when the pane's command has exited."""
        return self.command("display-message", "-p", "-t", name, "#{pane_dead}").strip() == "1"

    def kill(self, name: str) -> None:
        """Kill a session (its app gets SIGHUP)."""
        with contextlib.suppress(TmuxError):  # already gone
            self.command("kill-session", "-t", name)

    def wait_for(
        self,
        name: str,
        matches: Callable[[str], bool],
        since: float,
        timeout: float,
        styles: bool = False,
    ) -> Seen:
        """Capture the screen until `matches(screen)`; time from `since` to that capture.

        The time is taken as the capture is asked for: the screen matched at
        some moment since the capture before, at most one interval earlier.
        Raises TmuxError when the app exits first (its last screen in the message).
        """
        polls = 0
        first = time.perf_counter()
        screen = ""
        while True:
            now = time.perf_counter()
            screen = self.capture(name, styles)
            polls += 1
            resolution = (now - first) / polls * 1000 if polls > 1 else 0.0
            if matches(screen):
                return Seen(now - since, polls, resolution, screen)
            if now - since > timeout:
                return Seen(None, polls, resolution, screen)
            if polls % 100 == 0 and self.dead(name):
                raise TmuxError(f"the app in {name} exited:\n{self.capture(name)}")
            time.sleep(self.poll_interval)
