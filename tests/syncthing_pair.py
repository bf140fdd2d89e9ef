"""Two real Syncthing instances on 127.0.0.1, a staff PC and a kiosk, configured by kiosk.fleet.syncthing.

Separate homes, fixed loopback addresses, local and global discovery off, relays off, the shipped
file watcher delay (1 s); each instance is stopped (and killed if need be) when the pair is closed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.fleet.syncthing import fill

HALL_FOLDER = "xiangjiang-hall"
STATUS_FOLDER = "xiangjiang-hall-status"


def syncthing_binary() -> str | None:
    return shutil.which("syncthing")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Node:
    role: str
    root: Path
    hall_dir: Path
    status_dir: Path
    home: Path = field(init=False)
    device_id: str = ""
    gui_port: int = 0
    listen_port: int = 0
    api_key: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        self.home = self.root / "syncthing"

    def generate(self, binary: str) -> None:
        result = subprocess.run(
            [binary, "generate", f"--home={self.home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env=self.env(),
        )
        match = re.search(r"Device ID: ([A-Z0-9-]{63})", result.stdout + result.stderr)
        assert match, result.stdout + result.stderr
        self.device_id = match[1]
        self.gui_port, self.listen_port = free_port(), free_port()
        for folder in (self.hall_dir, self.status_dir):
            (folder / ".stfolder").mkdir(parents=True, exist_ok=True)

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("ST")}
        env.update(HOME=str(self.root), STNOUPGRADE="1", STNORESTART="1", all_proxy="", http_proxy="")
        return env

    def configure(self, peer: Node) -> None:
        text = fill(
            self.role,
            self.device_id,
            [peer.device_id],
            hall_dir=str(self.hall_dir),
            status_dir=str(self.status_dir),
            addresses={
                self.device_id: f"tcp://127.0.0.1:{self.listen_port}",
                peer.device_id: f"tcp://127.0.0.1:{peer.listen_port}",
            },
            listen=f"tcp://127.0.0.1:{self.listen_port}",
            gui=f"127.0.0.1:{self.gui_port}",
            api_key=self.api_key,
            local_discovery=False,
            reconnect_s=1,
        )
        (self.home / "config.xml").write_text(text, encoding="utf-8")

    def start(self, binary: str) -> None:
        log = open(self.root / "syncthing.log", "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [binary, "serve", f"--home={self.home}", "--no-browser", "--no-restart", "--no-upgrade"],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def request(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def scan(self, folder: str) -> None:
        """Look at the folder now rather than at the next watcher event."""
        with contextlib.suppress(OSError):
            self.request("POST", f"/rest/db/scan?folder={folder}")

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, self.log_text()
            with contextlib.suppress(OSError, ValueError):
                self.request("GET", "/rest/system/ping")
                return
            time.sleep(0.1)  # polling a process coming up
        raise AssertionError(f"syncthing ({self.role}) did not answer in {timeout} s:\n{self.log_text()}")

    def log_text(self) -> str:
        path = self.root / "syncthing.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(OSError, ValueError):
            self.request("POST", "/rest/system/shutdown")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@contextlib.contextmanager
def syncthing_pair(root: Path, binary: str) -> Iterator[tuple[Node, Node]]:
    """A staff PC and a kiosk, connected, each with the hall and the status folder."""
    staff = Node("staff", root / "staff", root / "staff" / "hall", root / "staff" / "hall-status")
    kiosk = Node("kiosk", root / "kiosk", root / "kiosk" / "hall", root / "kiosk" / "hall-status")
    try:
        for node in (staff, kiosk):
            node.generate(binary)
        staff.configure(kiosk)
        kiosk.configure(staff)
        for node in (staff, kiosk):
            node.start(binary)
        for node in (staff, kiosk):
            node.wait_ready(30)
        yield staff, kiosk
    finally:
        for node in (staff, kiosk):
            node.stop()
