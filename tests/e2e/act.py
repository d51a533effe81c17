"""Running one workflow under ``act`` and reading back what it did.

act runs each job in a container of the runner image with the host's network (act's default,
``--network host``), so the job reaches the local servers on 127.0.0.1, and with the host's Docker
socket mounted at /var/run/docker.sock (``--container-daemon-socket``), so the bot's Docker
sandbox starts its test containers on the host engine, beside the job container.

The workflow is copied into the work tree's ``.github/workflows`` (as on GitHub) with one step
added at the end of every job: it prints ``toJSON(steps)`` on one line, which is how step
outcomes and the outputs of composite actions (which act does not log) are read back.
Everything else comes from act's ``--json`` log: ``set-output`` commands, the step summary,
what the steps printed, and each step's and job's result.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

STEPS_MARKER = "E2E-STEPS "
REPORT_STEP = {
    "name": "e2e: report steps",
    "if": "always()",
    "env": {"E2E_STEPS": "${{ toJSON(steps) }}"},
    "run": "printf '%s%s\\n' '" + STEPS_MARKER + "' \"$(printf '%s' \"$E2E_STEPS\" | tr -d '\\n')\"",
}
PLATFORMS = ("ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04")
# act names job containers and their volumes after the workflow's and the job's names only, so two
# test sessions on one Docker engine would take over (and remove) each other's containers; a
# per-session tag in the workflow's name keeps them apart.
SESSION = f"e2e{os.getpid()}"


@dataclass(frozen=True)
class ActResult:
    """One act run: exit code, wall time and act's JSON log entries."""

    returncode: int
    seconds: float
    entries: tuple[dict[str, Any], ...]
    stderr: str = ""
    command: tuple[str, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def log(self) -> str:
        """The log as a person reads it (act's messages in order), plus anything on stderr."""
        lines = [str(e.get("msg", "")).rstrip("\n") for e in self.entries]
        return "\n".join(lines + ([self.stderr] if self.stderr else []))

    def printed(self, step_id: str | None = None) -> str:
        """What steps wrote to stdout (one step, by its id path such as ``hello`` or ``hello/0``)."""
        return "".join(
            str(e["msg"])
            for e in self.entries
            if e.get("raw_output") and (step_id is None or _step_path(e) == step_id)
        )

    def set_outputs(self, step_id: str) -> dict[str, str]:
        """Outputs a ``run`` step wrote to GITHUB_OUTPUT (act logs them as set-output commands)."""
        return {
            str(e["name"]): str(e.get("arg", ""))
            for e in self.entries
            if e.get("command") == "set-output" and _step_path(e) == step_id
        }

    @property
    def steps(self) -> dict[str, Any]:
        """``toJSON(steps)`` of the last job that finished: ``{id: {"outputs", "outcome", "conclusion"}}``."""
        jobs = self.job_steps
        return list(jobs.values())[-1] if jobs else {}

    @property
    def job_steps(self) -> dict[str, dict[str, Any]]:
        """``toJSON(steps)`` per job id (a matrix job: its last leg)."""
        found: dict[str, dict[str, Any]] = {}
        for entry in self.entries:
            for line in str(entry.get("msg", "")).splitlines():
                if entry.get("raw_output") and line.startswith(STEPS_MARKER):
                    found[str(entry.get("jobID", ""))] = json.loads(line[len(STEPS_MARKER) :])
        return found

    def outputs(self, step_id: str) -> dict[str, str]:
        """A step's outputs as the workflow sees them (``steps.<id>.outputs``), composites included."""
        step = self.steps.get(step_id)
        return dict(step.get("outputs", {})) if step else self.set_outputs(step_id)

    @property
    def summary(self) -> str:
        """Everything the steps wrote to GITHUB_STEP_SUMMARY, in order."""
        return "".join(str(e.get("content", "")) for e in self.entries if e.get("command") == "summary")

    @property
    def job_results(self) -> dict[str, str]:
        return {str(e["jobID"]): str(e["jobResult"]) for e in self.entries if "jobResult" in e}

    def step_results(self) -> dict[str, str]:
        return {
            _step_path(e): str(e["stepResult"]) for e in self.entries if "stepResult" in e and "stepID" in e
        }


def _step_path(entry: Mapping[str, Any]) -> str:
    return "/".join(str(part) for part in entry.get("stepID") or ())


def install_workflow(workflow: Path, workdir: Path) -> Path:
    """Copy ``workflow`` into ``workdir/.github/workflows`` with the report step added to each job and
    the session's tag in its name."""
    document = yaml.safe_load(workflow.read_text())
    document["name"] = f"{document.get('name') or workflow.stem} {SESSION}"
    for job in (document.get("jobs") or {}).values():
        if isinstance(job, dict) and isinstance(job.get("steps"), list):
            job["steps"].append(dict(REPORT_STEP))
    target = workdir / ".github" / "workflows" / workflow.name
    target.parent.mkdir(parents=True, exist_ok=True)
    # PyYAML reads the key `on` as True; write it back as `on`.
    if True in document:
        document["on"] = document.pop(True)
    target.write_text(yaml.safe_dump(document, sort_keys=False, width=1000))
    return target


_SCOPES = ("contents", "issues", "pull-requests", "actions", "checks")


def _grants(wanted: Any) -> dict[str, str] | None:
    """One ``permissions:`` value as a map; None means everything (write-all or not given)."""
    if wanted is None or wanted == "write-all":
        return None
    if wanted == "read-all":
        return {scope: "read" for scope in _SCOPES}
    if isinstance(wanted, dict):
        return {str(k): str(v) for k, v in wanted.items()}
    return {}


def workflow_permissions(workflow: Path) -> dict[str, str] | None:
    """The GITHUB_TOKEN permissions a workflow's jobs get, as GitHub decides them: a job's own
    ``permissions`` replace the workflow's. One token serves every job of an act run, so it holds
    the widest grant of any job (None: unrestricted)."""
    document = yaml.safe_load(workflow.read_text())
    jobs = [job for job in (document.get("jobs") or {}).values() if isinstance(job, dict)]
    per_job = [_grants(job.get("permissions", document.get("permissions"))) for job in jobs or [{}]]
    if any(grant is None for grant in per_job):
        return None
    merged: dict[str, str] = {}
    for grant in per_job:
        for scope, level in (grant or {}).items():
            if level == "write" or merged.get(scope) in (None, "none"):
                merged[scope] = level
    return merged


@dataclass(frozen=True)
class ActSettings:
    """What every act run of a test shares: the binary, the job image, GitHub's addresses."""

    act: Path
    image: str
    env: Mapping[str, str]
    github_instance: str
    docker_socket: str = "unix:///var/run/docker.sock"
    container_options: str = ""
    timeout_s: float = 900.0


def run_act(
    settings: ActSettings,
    *,
    event: str,
    workdir: Path,
    workflow: Path,
    payload: Mapping[str, Any] | None = None,
    secrets: Mapping[str, str] = {},
    env: Mapping[str, str] = {},
    actor: str | None = None,
    local_actions: Mapping[str, Path] = {},
    extra_args: Sequence[str] = (),
    log_path: Path | None = None,
    stop_when: Callable[[], bool] | None = None,
) -> ActResult:
    """Run ``workflow`` for ``event`` in ``workdir`` (a clone of the repository under test).

    ``stop_when``: polled while act runs; once true, act is interrupted (SIGINT, as Ctrl-C or a
    cancelled run: act stops and removes the job container), to test a run killed half-way.

    ``local_actions`` maps ``owner/name@ref`` (as written in ``uses:``) to a folder: act takes the
    action from there instead of fetching it (``--local-repository``), so the workflow users copy
    runs unchanged.
    """
    installed = install_workflow(workflow, workdir)
    event_file = workdir.parent / f"{workdir.name}-event.json"
    event_file.write_text(json.dumps(dict(payload or {})))
    command = [
        str(settings.act),
        event,
        "--directory",
        str(workdir),
        "--workflows",
        str(installed),
        "--eventpath",
        str(event_file),
        *[arg for platform in PLATFORMS for arg in ("--platform", f"{platform}={settings.image}")],
        "--pull=false",
        "--action-offline-mode",
        "--no-cache-server",
        "--json",
        "--rm",
        "--network",
        "host",
        "--container-daemon-socket",
        settings.docker_socket,
        "--github-instance",
        settings.github_instance,
        "--defaultbranch",
        "main",
    ]
    if actor:
        command += ["--actor", actor]
    if settings.container_options:
        command += ["--container-options", settings.container_options]
    for name, value in {**settings.env, **env}.items():
        command += ["--env", f"{name}={value}"]
    for name, value in secrets.items():
        command += ["--secret", f"{name}={value}"]
    for reference, folder in local_actions.items():
        command += ["--local-repository", f"{reference}={folder}"]
    command += list(extra_args)
    started = time.monotonic()
    done = _run(command, settings.timeout_s, stop_when)
    seconds = time.monotonic() - started
    entries, stray = _parse_json_log(done.stdout)
    if log_path is not None:
        log_path.write_text(done.stdout + ("\n--- stderr ---\n" + done.stderr if done.stderr else ""))
    return ActResult(
        done.returncode,
        seconds,
        tuple(entries),
        stderr="\n".join([*stray, done.stderr.strip()]).strip(),
        command=tuple(_redact(command, secrets)),
    )


def _run(
    command: Sequence[str], timeout_s: float, stop_when: Callable[[], bool] | None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    if stop_when is None:
        return subprocess.run(
            command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout_s, env=env,
            check=False,
        )  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env
    )
    out_file, err_file = process.stdout, process.stderr
    assert out_file is not None and err_file is not None
    chunks: dict[str, list[str]] = {"out": [], "err": []}
    readers = [
        threading.Thread(target=lambda: chunks["out"].append(out_file.read()), daemon=True),
        threading.Thread(target=lambda: chunks["err"].append(err_file.read()), daemon=True),
    ]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout_s
    while process.poll() is None and time.monotonic() < deadline:
        if stop_when():
            process.send_signal(signal.SIGINT)
            break
        time.sleep(0.2)
    process.wait(timeout=max(1.0, deadline - time.monotonic()))
    for reader in readers:
        reader.join(timeout=10)
    return subprocess.CompletedProcess(
        list(command), process.returncode, "".join(chunks["out"]), "".join(chunks["err"])
    )


def _parse_json_log(stdout: str) -> tuple[list[dict[str, Any]], list[str]]:
    entries: list[dict[str, Any]] = []
    stray: list[str] = []
    for line in stdout.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            stray.append(line)
            continue
        if isinstance(entry, dict) and entry.get("level") != "debug":
            entries.append(entry)
    return entries, stray


def _redact(command: Sequence[str], secrets: Mapping[str, str]) -> list[str]:
    hidden = [v for v in secrets.values() if v]
    out = []
    for arg in command:
        for value in hidden:
            arg = arg.replace(value, "***")
        out.append(arg)
    return out
