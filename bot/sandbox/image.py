"""Finding the sandbox image: local, else pulled, else the offline fallback built with debootstrap."""

from __future__ import annotations

import logging
import subprocess
from importlib import resources
from typing import Any

from bot.errors import ImageUnavailable

log = logging.getLogger(__name__)

DEFAULT_IMAGE = "python:3.12-slim"
FALLBACK_IMAGE = "architect-bot/sandbox:bookworm"
BUILD_TIMEOUT_S = 900

# Pulls that failed in this process: a benchmark of 200 cases should not retry the registry 200 times.
_failed_pulls: set[str] = set()


def build_script_path() -> str:
    return str(resources.files("bot.sandbox").joinpath("scripts/build-offline-image.sh"))


def _present(client: Any, name: str) -> bool:
    import docker.errors

    try:
        client.images.get(name)
        return True
    except docker.errors.ImageNotFound:
        return False


def _try_pull(client: Any, name: str, *, quiet: bool) -> bool:
    """Pulls ``name``; a failure is a warning, or a debug line when ``quiet`` (a fallback is at hand)."""
    import docker.errors

    if name in _failed_pulls:
        return False
    repo, _, tag = name.partition(":")
    try:
        log.log(logging.DEBUG if quiet else logging.INFO, "pulling image %s", name)
        client.images.pull(repo, tag=tag or "latest")
        return True
    except docker.errors.DockerException as err:
        level = logging.DEBUG if quiet else logging.WARNING
        log.log(level, "could not pull %s: %s", name, str(err).splitlines()[0][:200])
        _failed_pulls.add(name)
        return False


def image_id(client: Any, name: str) -> str:
    """The image's content id (``sha256:...``): what really ran, whatever the tag points to later."""
    return str(client.images.get(name).id)


def short_id(ident: str | None) -> str | None:
    return ident.removeprefix("sha256:")[:12] if ident else None


def build_fallback(tag: str = FALLBACK_IMAGE) -> None:
    script = build_script_path()
    log.info("building the offline sandbox image %s with %s (a minute or two, once)", tag, script)
    try:
        proc = subprocess.run(
            ["bash", script, tag], capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as err:
        raise ImageUnavailable(f"building the offline image {tag} took over {BUILD_TIMEOUT_S} s") from err
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise ImageUnavailable(
            f"could not build the offline image {tag} with {script}: {' | '.join(detail)}. "
            "Pull an image with python3 yourself and pass it with --image, or use --local."
        )


def resolve_image(client: Any, wanted: str, *, allow_build: bool = True) -> str:
    """Returns the image to use for ``wanted``; raises ImageUnavailable with what to do next.
    Offline, the default image's pull fails where the fallback is ready: that is expected, not news."""
    has_fallback = wanted == DEFAULT_IMAGE and _present(client, FALLBACK_IMAGE)
    if _present(client, wanted) or _try_pull(client, wanted, quiet=has_fallback):
        return wanted
    if wanted not in (DEFAULT_IMAGE, FALLBACK_IMAGE):
        raise ImageUnavailable(
            f"image {wanted!r} is not on this machine and could not be pulled; "
            f"pull or build it first (docker pull {wanted}), or omit --image to use the default"
        )
    if has_fallback or _present(client, FALLBACK_IMAGE):
        log.debug("using the offline fallback image %s instead of %s", FALLBACK_IMAGE, wanted)
        return FALLBACK_IMAGE
    if not allow_build:
        raise ImageUnavailable(
            f"neither {wanted} nor the offline image {FALLBACK_IMAGE} is available; "
            f"build it with: bash {build_script_path()}"
        )
    build_fallback(FALLBACK_IMAGE)
    return FALLBACK_IMAGE
