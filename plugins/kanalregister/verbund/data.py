"""The fetched folder, read offline: ``daten/<member>/kanaele.json`` and ``abruf.json``.

``kanalregister fetch`` is the only writer; the build reads what it stored, so builds are
reproducible and a member that is down keeps its last good data. A member without valid data
is left out (``document`` None) with a finding, never breaks the others.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..exports.format import ExportChannel, ExportDocument, ExportFake, FormatError, parse_export
from ..finding_codes import Reporter
from ..findings import Finding
from .config import CONFIG_FILE, DATA_DIR, Member, VerbundConfig, load_config

EXPORT_FILE = "kanaele.json"
STATE_FILE = "abruf.json"
# Larger exports are refused, not truncated (20,000 channels take about 20 MB).
MAX_EXPORT_BYTES = 20 * 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)

Result = Literal["ok", "not_modified", "failed", "invalid"]


class FetchState(BaseModel):
    """``abruf.json``: what the last fetch of one member did."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    url: str
    checked: dt.datetime
    fetched: dt.datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    result: Result
    reason: str | None = None


@dataclass(frozen=True)
class MemberData:
    """One member with its stored export (None when there is no valid one)."""

    member: Member
    document: ExportDocument | None
    fetch: FetchState | None
    age_days: int | None
    stale: bool


@dataclass(frozen=True)
class Verbund:
    """The configuration and every member's data."""

    config: VerbundConfig
    members: list[MemberData]

    def channels(self) -> Iterator[tuple[MemberData, ExportChannel]]:
        """Every published channel of every member with valid data, member by member."""
        for data in self.members:
            if data.document is not None:
                for channel in data.document.channels:
                    yield data, channel

    def fakes(self) -> Iterator[tuple[MemberData, ExportFake]]:
        """Every known fake any member reported."""
        for data in self.members:
            if data.document is not None:
                for fake in data.document.fakes:
                    yield data, fake


def member_dir(project: Path, member_id: str) -> Path:
    """Where ``kanalregister fetch`` stores one member's data."""
    return project / DATA_DIR / member_id


def read_limited(path: Path, limit: int = MAX_EXPORT_BYTES) -> bytes:
    """The bytes of the regular file ``path``; OSError if it is missing, not a regular file
    (a link is never followed) or larger than ``limit``."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path.name} ist keine gewöhnliche Datei")
        with os.fdopen(fd, "rb", closefd=False) as file:
            raw = file.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise OSError(f"{path.name} ist größer als {limit:,} Bytes".replace(",", "."))
    return raw


def read_state(folder: Path) -> FetchState | None:
    """``abruf.json`` of one member, or None when it is missing or unreadable."""
    try:
        return FetchState.model_validate_json(read_limited(folder / STATE_FILE, 64 * 1024))
    except (OSError, ValidationError):
        return None


def load_verbund(project: Path, *, today: dt.date,
                 reporter: Reporter | None = None) -> tuple[Verbund | None, list[Finding]]:
    """Read ``verbund.yml`` and every member's stored data (no network).

    Returns None for the Verbund only when ``verbund.yml`` itself cannot be used."""
    reporter = reporter or Reporter()
    config, findings = load_config(project, reporter=reporter)
    if config is None:
        return None, findings
    members = []
    for member in config.members:
        data, found = _load_member(project, member, config, today=today, reporter=reporter)
        members.append(data)
        findings.extend(found)
    return Verbund(config, members), findings


def _load_member(project: Path, member: Member, config: VerbundConfig, *, today: dt.date,
                 reporter: Reporter) -> tuple[MemberData, list[Finding]]:
    folder = member_dir(project, member.id)
    shown = f"{DATA_DIR}/{member.id}/{EXPORT_FILE}"
    state = read_state(folder)
    params: dict[str, object] = {"member": member.id, "name": member.name}
    try:
        raw = read_limited(folder / EXPORT_FILE)
    except FileNotFoundError:
        variant = "never" if state is None else "never_valid"
        reason = state.reason if state and state.reason else ""
        return MemberData(member, None, state, None, False), [reporter.at(
            "VBD002", shown, field=member.id, variant=variant,
            params={**params, "reason": reason, "config": CONFIG_FILE})]
    except OSError as exc:
        return MemberData(member, None, state, None, False), [reporter.at(
            "VBD001", shown, field=member.id, variant="invalid",
            params={**params, "reason": str(exc)})]
    try:
        document = parse_export(raw)
    except FormatError as exc:
        return MemberData(member, None, state, None, False), [reporter.at(
            "VBD001", shown, field=member.id, variant="invalid",
            params={**params, "reason": str(exc)})]
    # A date ahead of today (a clock set wrong) counts as new, not as a negative age.
    age = max(0, (today - document.generated.date()).days)
    stale = age > config.max_age_days
    params.update(age=age, generated=document.generated.date().isoformat(),
                  max_age=config.max_age_days)
    findings = []
    if state is not None and state.result in ("failed", "invalid"):
        code = "VBD002" if state.result == "failed" else "VBD001"
        findings.append(reporter.at(code, shown, field=member.id, variant="kept",
                                    params={**params, "reason": state.reason or "",
                                            "checked": state.checked.date().isoformat()}))
    if stale:
        findings.append(reporter.at("VBD003", shown, field=member.id, params=params))
    return MemberData(member, document, state, age, stale), findings


def dump_state(state: FetchState) -> str:
    """``abruf.json`` as written (stable key order, readable)."""
    return json.dumps(state.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
