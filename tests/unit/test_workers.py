"""Jobs spread over forked workers come back in order; a failure is reported."""

import os

import pytest

from transparency import workers


def test_results_keep_the_order_of_the_jobs_and_use_other_processes():
    jobs = list(range(500))
    results = workers.map_slices(lambda part: [(job * 2, os.getpid()) for job in part], jobs, 3)
    assert [value for value, _ in results] == [job * 2 for job in jobs]
    assert len({pid for _, pid in results}) == 3


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
    with pytest.raises(workers.WorkerError, match="one result per job"):
        workers.map_slices(lambda part: part[:1], jobs, 2)
