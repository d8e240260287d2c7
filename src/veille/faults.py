"""Fault injection for the crash tests.

``VEILLE_FAILPOINT="name:N"`` in the environment kills the process with SIGKILL the Nth
time it passes the point ``name`` (a real kill: no cleanup, no ``finally``). The points sit
where a crash matters: inside a store transaction before it commits, between two
articles, between two fused blocks. Without the variable (always, outside tests) a point
costs one comparison.
"""
from __future__ import annotations

import os
import signal

_SPEC = os.environ.get("VEILLE_FAILPOINT") or None
_hits: dict[str, int] = {}


def failpoint(name: str) -> None:
    if _SPEC is None:
        return
    point, _, times = _SPEC.partition(":")
    if point != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= int(times or 1):
        os.kill(os.getpid(), signal.SIGKILL)
