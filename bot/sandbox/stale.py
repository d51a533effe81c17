"""Labels that let a later run find the sandbox containers (and set-up state images) a killed run
left, and the sweeps that remove them.

Each container carries, beside the owner label (``bot.sandbox.docker.LABEL``), the run's id, the
``"<host> <pid>"`` of the process that started it, and the time by which it must be gone (its setup
and test timeouts from creation, plus a margin). A container is stale when its process is gone
from this host, or when that time has passed (a run on another host, or a pid reused since).
Containers without these labels (older versions, other tools) are never touched.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from typing import Any

from bot.process_owner import owner_is_dead, this_owner

log = logging.getLogger(__name__)

RUN_LABEL = "org.architect-bot.run"
PROCESS_LABEL = "org.architect-bot.process"
EXPIRES_LABEL = "org.architect-bot.expires"  # unix seconds
RUN_ID_ENV = "ARCHITECT_RUN_ID"
MARGIN_S = 600.0  # image start, copying the tree in, a slow engine
RUN_ID = os.environ.get(RUN_ID_ENV) or uuid.uuid4().hex[:16]


def run_labels(lifetime_s: float) -> dict[str, str]:
    """The labels of a container this process creates to live at most ``lifetime_s`` seconds."""
    return {
        RUN_LABEL: RUN_ID,
        PROCESS_LABEL: this_owner(),
        EXPIRES_LABEL: str(int(time.time() + lifetime_s + MARGIN_S)),
    }


def is_stale(labels: dict[str, str], now: float) -> bool:
    if PROCESS_LABEL not in labels:
        return False
    expires = labels.get(EXPIRES_LABEL, "")
    overdue = expires.isdigit() and now > int(expires)
    return overdue or owner_is_dead(labels[PROCESS_LABEL])


def sweep_stale_containers(client: Any, label: str) -> int:
    """Removes the stale containers carrying ``label``; returns how many. Never fails the run."""
    removed = 0
    try:
        found = client.containers.list(all=True, filters={"label": label})
    except Exception as err:  # a sweep is housekeeping: an engine hiccup must not stop the run
        log.debug("stale container sweep skipped: %s", err)
        return 0
    now = time.time()
    for container in found:
        if not is_stale(dict(container.labels or {}), now):
            continue
        try:
            container.remove(force=True)
            removed += 1
            log.info("removed sandbox container %s left by a killed run", container.short_id)
        except Exception as err:  # gone meanwhile, or another sweep got there first
            log.debug("could not remove stale container %s: %s", container.short_id, err)
    return removed


def sweep_stale_images(client: Any, label: str) -> int:
    """Removes the set-up state images (bot/sandbox/docker.py) of runs that are gone; returns how many.
    Run after the container sweep, so no container of a stale run still holds one."""
    removed = 0
    try:
        found = client.images.list(filters={"label": label})
    except Exception as err:
        log.debug("stale image sweep skipped: %s", err)
        return 0
    now = time.time()
    for image in found:
        if not is_stale(dict(image.labels or {}), now):
            continue
        try:
            client.images.remove(image.id, force=True)
            removed += 1
            log.info("removed setup image %s left by a killed run", image.short_id)
        except Exception as err:  # in use by a live container, or gone meanwhile
            log.debug("could not remove stale image %s: %s", image.short_id, err)
    return removed
