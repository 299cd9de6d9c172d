"""Run a Python module on the tests' clock: ``python -m tests.clock_run MODULE ARGS``.

The Celery workers (and other processes) the tests start are separate
interpreters, out of reach of the test's time-machine travel: this starts the
module at the moment the test handed over in ``PORTAL_TEST_CLOCK_AT``, ticking.
A prefork pool's children inherit the travel when they fork.
"""

import datetime as dt
import os
import runpy
import sys

import time_machine

from tests.clock import WORKER_ENVIRONMENT

if __name__ == "__main__":
    moment = dt.datetime.fromisoformat(os.environ[WORKER_ENVIRONMENT])
    time_machine.travel(moment, tick=True).start()
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
