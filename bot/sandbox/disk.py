"""Bounded writable space for the Docker sandbox (`Limits.disk_mb`).

Three layers, because engines differ: /tmp (also $HOME) is a tmpfs of that size; no single file may
grow past it (RLIMIT_FSIZE); and the container's own layer, where the work dir lives, gets a storage
quota where the engine supports one (overlay2 on xfs with pquota, btrfs, zfs), else a watchdog that
polls the layer's size and stops the container when it grew by more than the limit.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

WATCH_INTERVAL_S = 3.0
_MB = 1024 * 1024
# Drivers whose quota Docker applies with --storage-opt size (overlay2 only on xfs with pquota,
# which `docker info` does not show: the first refusal is remembered).
_QUOTA_DRIVERS = {"btrfs", "zfs", "overlay2"}
_no_quota: set[str] = set()


def create_options(limits_mb: int) -> dict[str, Any]:
    """Container options for the tmpfs and the file size limit."""
    import docker.types

    size = limits_mb * _MB
    return {
        # exec: pip puts console scripts under $HOME (= /tmp); tests run helpers from tmp dirs
        "tmpfs": {"/tmp": f"size={limits_mb}m,mode=1777,exec"},
        "ulimits": [docker.types.Ulimit(name="fsize", soft=size, hard=size)],
    }


def may_have_quota(client: Any) -> bool:
    """Whether the engine's storage driver can size a container's layer (tried once, then known)."""
    try:
        info = client.info()
    except Exception as err:  # the engine answered before: a failing info only costs the quota
        log.debug("docker info: %s", err)
        return False
    driver = str(info.get("Driver", ""))
    if driver in _no_quota or driver not in _QUOTA_DRIVERS:
        return False
    backing = dict(info.get("DriverStatus") or []).get("Backing Filesystem", "")
    return driver != "overlay2" or backing == "xfs"


def quota_refused(client: Any, err: Exception) -> bool:
    """True (and remembered) when a create failed only because the driver cannot apply the quota."""
    text = str(err).lower()
    if "storage-opt" in text or "storage opt" in text or "quota" in text:
        try:
            _no_quota.add(str(client.info().get("Driver", "")))
        except Exception as info_err:
            log.debug("docker info: %s", info_err)
        return True
    return False


def layer_bytes(client: Any, container_id: str) -> int:
    found = client.api.containers(all=True, size=True, filters={"id": container_id})
    return int(found[0].get("SizeRw") or 0) if found else 0


class DiskWatch:
    """Stops the container once its layer grew by more than ``limit_mb`` (engines without a quota)."""

    def __init__(self, client: Any, container: Any, limit_mb: int) -> None:
        self.client, self.container, self.limit_mb = client, container, limit_mb
        self.tripped = threading.Event()
        self._stop = threading.Event()
        self._baseline = layer_bytes(client, container.id)  # the copied work tree
        self._thread = threading.Thread(target=self._watch, daemon=True, name="sandbox-disk-watch")

    def __enter__(self) -> DiskWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=WATCH_INTERVAL_S * 2)

    def message(self) -> str:
        return (
            f"\n[architect-bot: stopped: the run wrote more than the {self.limit_mb} MB disk limit "
            "into the work dir (raise disk-mb if the tests need more)]\n"
        )

    def _watch(self) -> None:
        while not self._stop.wait(WATCH_INTERVAL_S):
            try:
                grown = layer_bytes(self.client, self.container.id) - self._baseline
            except Exception as err:  # the container is being removed
                log.debug("disk watch: %s", err)
                return
            if grown > self.limit_mb * _MB:
                self.tripped.set()
                try:
                    self.container.kill()
                except Exception as err:
                    log.debug("disk watch kill: %s", err)
                return
