"""The sandbox port: run a repository's tests somewhere they cannot hurt the host."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.sandbox.types import Limits, RunRequest, RunStatus, TestRun

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.sandbox.docker import DockerSandbox
    from bot.sandbox.local import LocalSandbox


def limits_for(settings: Settings) -> Limits:
    """The sandbox limits a run's settings ask for (the rest keep their defaults)."""
    return Limits(
        timeout_s=settings.test_timeout_s,
        setup_as_root=settings.setup_as_root,
        setup_network=settings.setup_network,
        disk_mb=settings.disk_mb,
    )


def make_sandbox(
    kind: str = "docker", image: str | None = None, *, may_fall_back: bool = False
) -> DockerSandbox | LocalSandbox:
    """``docker`` (default), ``local``, or ``auto``: Docker when an engine answers. Without one, ``auto``
    falls back to the unisolated local sandbox only when ``may_fall_back`` (the demo's bundled, trusted
    code); anything else stops, because model-written code must not run on the host unless chosen."""
    from bot.errors import SandboxUnavailable, UsageError
    from bot.sandbox.docker import DockerSandbox, connect
    from bot.sandbox.image import DEFAULT_IMAGE
    from bot.sandbox.local import LocalSandbox

    if kind == "local":
        return LocalSandbox()
    if kind == "docker":
        return DockerSandbox(image or DEFAULT_IMAGE)
    if kind == "auto":
        try:
            return DockerSandbox(image or DEFAULT_IMAGE, client=connect(timeout_s=5))
        except SandboxUnavailable as err:
            if not may_fall_back:
                # the tests run model-written code: never unisolated unless someone chose that
                raise SandboxUnavailable(f"sandbox auto needs Docker: {err}") from err
            import logging

            logging.getLogger(__name__).warning("%s -- falling back to the local sandbox", err)
            return LocalSandbox()
    raise UsageError(f"unknown sandbox {kind!r}: use docker, local or auto")


__all__ = ["Limits", "RunRequest", "RunStatus", "TestRun", "limits_for", "make_sandbox"]
