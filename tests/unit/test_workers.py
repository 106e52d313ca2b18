"""Jobs spread over forked workers come back in order; a failure, a killed worker or a failure
in this process's own share is reported once, and no child is left running or unreaped."""

import os
import signal
import time

import pytest

from transparency.build import workers


def test_results_keep_the_order_of_the_jobs_and_use_other_processes():
    jobs = list(range(500))
    results = workers.map_slices(lambda part: [(job * 2, os.getpid()) for job in part], jobs, 3)
    assert [value for value, _ in results] == [job * 2 for job in jobs]
    assert len({pid for _, pid in results}) == 3


def test_apart_runs_every_share_in_a_child_and_nothing_here():
    jobs = list(range(200))
    for count in (1, 2, 3):
        results = workers.map_slices(lambda part: [(job + 1, os.getpid()) for job in part], jobs, count, apart=True)
        assert [value for value, _ in results] == [job + 1 for job in jobs]
        pids = {pid for _, pid in results}
        assert os.getpid() not in pids and len(pids) == count


def test_few_jobs_run_here():
    assert workers.map_slices(lambda part: [os.getpid() for _ in part], [1, 2, 3], 4) == [os.getpid()] * 3


def test_a_failing_worker_fails_the_call():
    def fail(part):
        if 0 in part:
            raise ValueError("broken job")
        return part

    with pytest.raises(workers.WorkerError, match="broken job"):
        workers.map_slices(fail, list(range(200)), 2)


def test_worker_count_setting():
    assert workers.count(3) == 3
    assert workers.count(0) == (os.cpu_count() or 1)


def test_costly_neighbours_are_shared_out_and_one_result_per_job_is_required():
    jobs = list(range(200))
    results = workers.map_slices(lambda part: [(job, os.getpid()) for job in part], jobs, 2)
    first_half = {pid for job, pid in results[:100]}
    assert [job for job, _ in results] == jobs and len(first_half) == 2
    with pytest.raises(workers.WorkerError, match="câte un rezultat pentru fiecare sarcină"):
        workers.map_slices(lambda part: part[:1], jobs, 2)


def gone(pid: int) -> bool:
    """Whether the child `pid` has ended and been reaped (waitpid knows no such child)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_worker_killed_by_the_system_is_reported_by_signal(tmp_path):
    parent = os.getpid()

    def killed_in_the_child(part):
        if os.getpid() != parent:
            (tmp_path / "child").write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
        return part

    with pytest.raises(workers.WorkerError, match="a fost oprit de semnalul SIGKILL") as raised:
        workers.map_slices(killed_in_the_child, list(range(200)), 2)
    assert "EOFError" not in str(raised.value)
    assert gone(int((tmp_path / "child").read_text()))


def test_a_worker_that_exits_without_results_is_reported_with_its_code(tmp_path):
    parent = os.getpid()

    def exits_in_the_child(part):
        if os.getpid() != parent:
            os._exit(3)
        return part

    with pytest.raises(workers.WorkerError, match="s-a încheiat cu codul 3"):
        workers.map_slices(exits_in_the_child, list(range(200)), 2)


def test_a_failure_in_this_process_stops_and_reaps_the_workers(tmp_path):
    parent = os.getpid()

    def parent_fails(part):
        if os.getpid() != parent:
            (tmp_path / f"child-{os.getpid()}").touch()
            time.sleep(600)  # would outlive the call if the failure below did not stop it
            return part
        while len(list(tmp_path.glob("child-*"))) < 2:  # both workers are running
            time.sleep(0.01)
        raise ValueError("the parent's own share")

    with pytest.raises(ValueError, match="the parent's own share"):
        workers.map_slices(parent_fails, list(range(300)), 3)
    children = [int(path.name.split("-")[1]) for path in tmp_path.glob("child-*")]
    assert len(children) == 2 and all(gone(pid) for pid in children)


def test_a_worker_error_keeps_the_traceback_apart_from_its_one_line_message():
    def fail(part):
        if 0 in part:
            raise ValueError("broken job")
        return part

    with pytest.raises(workers.WorkerError) as raised:
        workers.map_slices(fail, list(range(200)), 2)
    assert "\n" not in str(raised.value) and str(raised.value).endswith("ValueError: broken job")
    assert "Traceback" in raised.value.detail


def test_a_background_function_runs_in_a_child_while_this_process_goes_on(tmp_path):
    started = time.monotonic()
    background = workers.Background(lambda: (os.getpid(), time.sleep(0.3))[0])
    assert time.monotonic() - started < 0.25  # not waited for
    assert background.result() not in (os.getpid(), None)
    assert background.result() == background.result()  # waited for once, then kept
    assert workers.Background(os.getpid, enabled=False).result() == os.getpid()
    failing = workers.Background(lambda: 1 / 0)
    with pytest.raises(workers.WorkerError, match="ZeroDivisionError"):
        failing.result()


def process_state(pid: int) -> str:
    """The state letter /proc gives a process ("Z": ended, not yet waited for)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rpartition(") ")[2][0]


@pytest.mark.parametrize("size", [10, 4 << 20])
def test_a_spilled_background_value_is_written_to_a_file_and_its_child_ends_before_it_is_asked_for(size):
    """A value larger than a pipe holds: the child ends once it is written, not when it is read."""
    background = workers.Background(lambda: b"x" * size, spill=True)
    deadline = time.monotonic() + 60
    while process_state(background._child.pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process_state(background._child.pid) == "Z"
    assert background.result() == b"x" * size
    failing = workers.Background(lambda: 1 / 0, spill=True)
    with pytest.raises(workers.WorkerError, match="ZeroDivisionError"):
        failing.result()


def test_a_background_child_no_longer_wanted_is_stopped_and_reaped(tmp_path):
    def linger():
        (tmp_path / f"child-{os.getpid()}").touch()
        time.sleep(600)

    background = workers.Background(linger)
    while not list(tmp_path.glob("child-*")):
        time.sleep(0.01)
    background.close()
    background.close()  # twice is harmless
    [child] = [int(path.name.split("-")[1]) for path in tmp_path.glob("child-*")]
    assert gone(child)


# --- map_claimed: each process takes the jobs one at a time, this one from the front ---

def meeting(claimed, folder, processes: int):
    """The jobs of `claimed`, this process waiting, once it has taken its first, until all
    `processes` have taken one: each takes some however loaded the machine (unloaded, two children
    may take every job before this process, busy forking them, takes its first)."""
    for number, job in enumerate(claimed):
        if number == 0:
            (folder / str(os.getpid())).touch()
            deadline = time.monotonic() + 60
            while len(list(folder.iterdir())) < processes and time.monotonic() < deadline:
                time.sleep(0.005)
        yield job


def test_claimed_jobs_come_back_in_order_this_process_taking_the_first(tmp_path):
    def double(claimed):
        return [(job * 2, os.getpid()) for job in meeting(claimed, tmp_path, 3)]

    jobs = list(range(300))
    results = workers.map_claimed(double, jobs, 3)
    assert [value for value, _ in results] == [job * 2 for job in jobs]
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid() and pids[-1] != os.getpid() and len(set(pids)) == 3
    # What a process took is one run from its end: this one's a prefix, the children's the rest.
    mine = [index for index, pid in enumerate(pids) if pid == os.getpid()]
    assert mine == list(range(len(mine)))


def test_a_slow_process_takes_fewer_jobs_and_none_waits_for_the_other(tmp_path):
    parent = os.getpid()

    def slow_here(claimed):
        done = []
        for _ in meeting(claimed, tmp_path, 2):
            if os.getpid() == parent:
                time.sleep(0.01)
            done.append(os.getpid())
        return done

    pids = workers.map_claimed(slow_here, list(range(200)), 2)
    assert 1 <= pids.count(parent) < 50 and len(pids) == 200  # a deal of every other job gives it 100


def test_claimed_jobs_each_done_once_and_a_missing_result_refused():
    jobs = list(range(200))
    with pytest.raises(workers.WorkerError, match="câte un rezultat pentru fiecare sarcină"):
        workers.map_claimed(lambda claimed: list(claimed)[:1], jobs, 2)
    assert workers.map_claimed(lambda claimed: [job for job in claimed], jobs, 2) == jobs
    assert workers.map_claimed(lambda claimed: [os.getpid() for _ in claimed], jobs[:10], 2) == [os.getpid()] * 10


def test_a_claiming_worker_killed_holding_jobs_is_reported_and_leaves_none_waiting(tmp_path):
    parent = os.getpid()

    def killed_in_the_child(claimed):
        done = []
        for job in meeting(claimed, tmp_path / "met", 2):
            if os.getpid() == parent:
                time.sleep(0.005)  # the child takes the most
            elif len(done) == 5:
                (tmp_path / "child").write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
            done.append(job)
        return done

    (tmp_path / "met").mkdir()
    with pytest.raises(workers.WorkerError, match="a fost oprit de semnalul SIGKILL"):
        workers.map_claimed(killed_in_the_child, list(range(200)), 2)
    assert gone(int((tmp_path / "child").read_text()))


def test_a_failing_claiming_worker_fails_the_call(tmp_path):
    def fail(claimed):
        done = []
        for job in meeting(claimed, tmp_path, 2):
            if job == 199:  # the last job: the child's first
                raise ValueError("broken job")
            done.append(job)
        return done

    with pytest.raises(workers.WorkerError, match="broken job"):
        workers.map_claimed(fail, list(range(200)), 2)


def test_no_job_is_taken_twice_however_many_processes_take_them_at_once(tmp_path):
    def record(claimed):
        taken = list(claimed)
        (tmp_path / str(os.getpid())).write_text(" ".join(map(str, taken)))
        return taken

    jobs = list(range(20000))
    assert workers.map_claimed(record, jobs, 6) == jobs
    taken = [int(job) for path in tmp_path.iterdir() for job in path.read_text().split()]
    assert sorted(taken) == jobs
