"""Find and read the register's files without following links or trusting their size.

Channel files arrive by pull request, and git stores symbolic links: a link to ``/dev/zero``
would be read until memory runs out, a link to a file outside the repository would put its
content into findings, a named pipe would block the run. Only regular files are opened (with
``O_NOFOLLOW`` and checked again after opening), and never more than the size limit plus one
byte is read. Folders that cannot be listed are reported instead of skipped.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from .reader import MAX_BYTES, YamlProblem

# Open flags: never follow a link, never block on a pipe or a device.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True, slots=True)
class WalkProblem:
    """A folder or entry below the channels folder that cannot be used."""

    kind: str  # "unreadable-folder" or "not-a-file"
    path: str
    message: str
    hint: str


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "eine symbolische Verknüpfung"
    if stat.S_ISFIFO(mode):
        return "eine benannte Pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "eine Gerätedatei"
    if stat.S_ISSOCK(mode):
        return "ein Socket"
    if stat.S_ISDIR(mode):
        return "ein Ordner"
    return "keine gewöhnliche Datei"


def not_a_file(path: str, mode: int) -> YamlProblem:
    """The problem of a channel file that is not a regular file."""
    return YamlProblem(
        "not-a-file", f"die Datei ist {_kind(mode)} und wird nicht geöffnet",
        "die Verknüpfung durch eine gewöhnliche Datei ersetzen oder sie löschen")


def read_file(path: str) -> bytes | YamlProblem:
    """The bytes of the regular file ``path`` (at most the limit plus one), or the problem."""
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            return not_a_file(path, mode)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return YamlProblem("unreadable", f"die Datei lässt sich nicht lesen: {exc.strerror}",
                           "die Zugriffsrechte der Datei prüfen")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between lstat and open
            return not_a_file(path, info.st_mode)
        with os.fdopen(fd, "rb", closefd=False) as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as exc:
        return YamlProblem("unreadable", f"die Datei lässt sich nicht lesen: {exc.strerror}",
                           "die Zugriffsrechte der Datei prüfen")
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        return YamlProblem(
            "too-large", f"die Datei ist {max(info.st_size, len(raw)):,} Bytes groß; erlaubt "
            f"sind {MAX_BYTES:,}".replace(",", "."),
            "eine Kanaldatei braucht wenige hundert Bytes; die Datei kürzen oder aufteilen")
    return raw


def walk_yaml_files(folder: str) -> tuple[list[str], list[WalkProblem]]:
    """The ``.yml``/``.yaml`` files below ``folder`` (not ``_``-prefixed), sorted by path
    parts, and the folders that could not be listed or were links (never followed)."""
    problems: list[WalkProblem] = []

    def unreadable(error: OSError) -> None:
        problems.append(WalkProblem(
            "unreadable-folder", str(error.filename or folder),
            f"der Ordner lässt sich nicht lesen: {error.strerror}",
            "die Zugriffsrechte prüfen (Lesen und Ausführen) oder den Ordner entfernen"))

    names: list[str] = []
    for here, dirs, files in os.walk(folder, onerror=unreadable):
        # os.walk lists links to folders among the folders and does not enter them.
        for name in dirs:
            path = os.path.join(here, name)
            if os.path.islink(path):
                problems.append(WalkProblem(
                    "not-a-file", path, "der Ordner ist eine symbolische Verknüpfung und wird "
                    "nicht gelesen", "die Verknüpfung durch den Ordner selbst ersetzen"))
        names.extend(os.path.join(here, name) for name in files
                     if name.endswith((".yml", ".yaml")) and not name.startswith("_"))
    # Sorted by parts as Paths sort, but as plain strings: a register may hold 10,000 files.
    names.sort(key=lambda name: name.split(os.sep))
    return names, problems
