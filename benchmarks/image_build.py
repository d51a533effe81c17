"""What building the Debian images from nothing costs: the sandbox image and act's job image.

Builds both under TEMPORARY tags (``<prefix>/sandbox:<run>``, ``<prefix>/act-runner:<run>``), so
the images in use (``architect-bot/...:bookworm``) are never touched, prints seconds and sizes,
then removes the temporary tags. Needs root, a Docker engine, debootstrap and a Debian mirror.

    python benchmarks/image_build.py                      # this checkout: one debootstrap, both images
    python benchmarks/image_build.py --before 19e6514     # also that revision's scripts, one after the other

``--before REV`` runs REV's ``bot/sandbox/scripts/build-offline-image.sh`` (sandbox) and then its
``scripts/build-runner-image.sh`` (runner), each taken from git, with the same temporary tags.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "bot/sandbox/scripts/build-offline-image.sh"
OLD_RUNNER_SCRIPT = "scripts/build-runner-image.sh"


@dataclass(frozen=True)
class Build:
    label: str
    seconds: float
    sizes_mb: dict[str, float]


def _size_mb(tag: str) -> float:
    out = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Size}}", tag],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip()) / 1e6


def _run(command: list[str]) -> float:
    started = time.monotonic()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return time.monotonic() - started


def _remove(*tags: str) -> None:
    subprocess.run(["docker", "image", "rm", *tags], capture_output=True, check=False)


def build_now(sandbox: str, runner: str) -> Build:
    seconds = _run(["bash", SCRIPT, "--sandbox", sandbox, "--runner", runner])
    return Build("one debootstrap (this checkout)", seconds, {t: _size_mb(t) for t in (sandbox, runner)})


def build_before(rev: str, sandbox: str, runner: str) -> Build:
    with tempfile.TemporaryDirectory(prefix="image-build-before-") as tmp:
        scripts = []
        for path in (SCRIPT, OLD_RUNNER_SCRIPT):
            text = subprocess.run(
                ["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
            scripts.append(Path(tmp) / Path(path).name)
            scripts[-1].write_text(text)
        first = _run(["bash", str(scripts[0]), sandbox])
        second = _run(["bash", str(scripts[1]), runner])
    print(f"  {rev}: sandbox {first:.0f} s, then runner {second:.0f} s")
    return Build(f"two debootstraps ({rev})", first + second, {t: _size_mb(t) for t in (sandbox, runner)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="also time REV's two scripts, one after the other")
    parser.add_argument(
        "--prefix", default="architect-bot-bench", help="repository part of the temporary tags"
    )
    parser.add_argument("--keep", action="store_true", help="keep this checkout's images (to test them)")
    args = parser.parse_args()
    if args.prefix == "architect-bot":
        sys.exit("--prefix architect-bot would build over the images in use; pick another")
    if os.geteuid() != 0:
        sys.exit("debootstrap needs root: run this benchmark as root")
    run = f"run{os.getpid()}"
    builds: list[Build] = []
    if args.before:
        tags = (f"{args.prefix}/sandbox:{run}-before", f"{args.prefix}/act-runner:{run}-before")
        try:
            builds.append(build_before(args.before, *tags))
        finally:
            _remove(*tags)
    tags = (f"{args.prefix}/sandbox:{run}", f"{args.prefix}/act-runner:{run}")
    try:
        builds.append(build_now(*tags))
    finally:
        if args.keep:
            print(f"kept: {' '.join(tags)} (remove with: docker image rm {' '.join(tags)})")
        else:
            _remove(*tags)
    for build in builds:
        sizes = ", ".join(
            f"{tag.split('/')[-1].split(':')[0]} {mb:.0f} MB" for tag, mb in build.sizes_mb.items()
        )
        print(f"{build.label}: both images from nothing in {build.seconds:.0f} s ({sizes})")


if __name__ == "__main__":
    main()
