"""A build killed mid-way leaves no version folder behind once the next build starts (issue 19, Low)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from data.ingest.writer import new_version_dir, swap_in

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys, time
from pathlib import Path
from data.ingest.writer import new_version_dir
print(new_version_dir(Path(sys.argv[1])), flush=True)
time.sleep(60)
"""


def test_a_killed_build_leaves_no_empty_version_folder(tmp_path):
    store = tmp_path / "store"
    done = new_version_dir(store)
    (done / "build_report.json").write_text("{}")
    swap_in(store, done)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(store)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    killed = Path(child.stdout.readline().strip())
    assert killed.is_dir()
    os.kill(child.pid, signal.SIGKILL)  # as kill -9 during a publish's rebuild
    child.wait(timeout=10)
    running = new_version_dir(store)  # a build of this process, still going
    time.sleep(0.01)
    again = new_version_dir(store)  # the next build starts
    versions = {p.name for p in store.parent.joinpath(".store-versions").iterdir()}
    assert killed.name not in versions
    assert {done.name, running.name, again.name} <= versions  # the store in use and live builds are kept
    assert store.resolve() == done
