"""The public history of each channel file, read from Git.

One ``git log`` over the channels folder serves every file, so the cost grows with the number
of changes, not with files times commits: a register of 10,000 channels is read in one call
on every build. Renames are followed as ``git log --follow`` would for a single file: the
log runs newest first, and a rename ``old → new`` makes older changes of ``old`` part of
``new``'s history.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .loader import relative

# Record, field and path separators that cannot occur in commit subjects or paths.
_RECORD, _FIELD = "\x1e", "\x1f"
_FORMAT = f"{_RECORD}%H{_FIELD}%cs{_FIELD}%s"


class HistoryUnavailable(Exception):
    """There is no Git, no repository or no readable log; the message says which."""


@dataclass(frozen=True)
class Change:
    """One commit that touched a channel file: the day it entered the repository."""

    date: date
    subject: str
    commit: str


Histories = dict[str, list[Change]]


def read_histories(channels_dir: Path, *, base: Path, timeout: float = 120) -> Histories:
    """Changes per channel file, newest first, keyed by the path relative to ``base`` (as in
    ``Listed.path``). Raises HistoryUnavailable when Git cannot tell."""
    output = _git(channels_dir, "log", "-z", "--name-status", "-M", "--relative",
                  f"--format={_FORMAT}", "--", ".", timeout=timeout)
    prefix = relative(channels_dir, base)
    return parse_log(output, prefix=prefix)


def is_shallow(channels_dir: Path) -> bool:
    """Whether the repository is a shallow clone (CI checkouts often are: fetch-depth 1)."""
    try:
        return _git(channels_dir, "rev-parse", "--is-shallow-repository").strip() == "true"
    except HistoryUnavailable:
        return False


def parse_log(output: str, *, prefix: str = "") -> Histories:
    """Parse ``git log -z --name-status --format=<_FORMAT>`` output into histories."""
    histories: Histories = {}
    renamed: dict[str, str] = {}  # an older name → the file it became
    for record in output.split(_RECORD)[1:]:
        header, _, files = record.partition("\0")
        commit, day, subject = (header.split(_FIELD, 2) + ["", ""])[:3]
        try:
            change = Change(date.fromisoformat(day), subject.strip(), commit)
        except ValueError:
            continue
        tokens = files.lstrip("\n").split("\0")
        index = 0
        while index < len(tokens) and tokens[index]:
            status = tokens[index]
            # Renames and copies name two paths (old, new); every other status one.
            count = 2 if status[:1] in ("R", "C") else 1
            paths = tokens[index + 1:index + 1 + count]
            index += 1 + count
            if not paths:
                break
            current = renamed.get(paths[-1], paths[-1])
            if status[:1] == "R":
                renamed[paths[0]] = current
            changes = histories.setdefault(_key(prefix, current), [])
            if not changes or changes[-1].commit != commit:
                changes.append(change)
    return histories


def _key(prefix: str, path: str) -> str:
    return f"{prefix}/{path}" if prefix and prefix != "." else path


def _git(cwd: Path, *args: str, timeout: float = 60) -> str:
    if not cwd.is_dir():
        raise HistoryUnavailable(f"{cwd} is not a folder")
    command = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout,
                                check=False)
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HistoryUnavailable(f"git could not run: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryUnavailable(message[0] if message else f"git exited {result.returncode}")
    return result.stdout.decode("utf-8", "replace")
