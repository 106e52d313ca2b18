"""The output folder's lock as staff are told of it: who holds it, and a wait that goes on said again."""

import fcntl
import os
import subprocess
import sys
import time

from transparency.adapters import guards


def test_the_lock_holder_is_named_by_its_process_id_start_and_command(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time\n"
                               f"fd = os.open({str(tmp_path)!r}, os.O_RDONLY)\nfcntl.flock(fd, fcntl.LOCK_EX)\n"
                               "print('held', flush=True)\ntime.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        handle = os.open(tmp_path, os.O_RDONLY)
        try:
            found = guards.lock_holder(handle)
        finally:
            os.close(handle)
    finally:
        holder.kill()
        holder.wait()
    assert found.pid == holder.pid
    started = time.strftime("%H:%M", time.localtime(time.time()))
    assert found.said.startswith(f"procesul {holder.pid}, pornit la ") and f"{sys.executable} -c" in found.said
    assert found.said[len(f"procesul {holder.pid}, pornit la "):][:5] in {started, time.strftime(
        "%H:%M", time.localtime(time.time() - 60))}


def test_a_folder_no_one_locks_has_no_holder(tmp_path):
    handle = os.open(tmp_path, os.O_RDONLY)
    try:
        assert guards.lock_holder(handle) is None
        fcntl.flock(handle, fcntl.LOCK_EX)  # held by this process: no other to name
        assert guards.lock_holder(handle) is None
    finally:
        os.close(handle)


def test_a_wait_that_goes_on_is_said_again_until_it_ends(capsys):
    with guards.reminded("încă aștept", every=0.05):
        time.sleep(0.18)
    said = capsys.readouterr().err.splitlines()
    assert 2 <= len(said) <= 4 and set(said) == {"încă aștept"}
    time.sleep(0.1)
    assert capsys.readouterr().err == ""  # the reminder ended with the wait
