"""A Verbund: one register over many public bodies, built from their open data.

``config`` reads ``verbund.yml``, ``data`` loads what ``kanalregister fetch`` stored under
``daten/`` (offline), ``conflicts`` compares the members, ``fetch`` downloads the exports.
"""

from pathlib import Path

# Kept here, without pydantic, so that the CLI can tell a Verbund project quickly.
CONFIG_FILE = "verbund.yml"
DATA_DIR = "daten"


def is_verbund(project: Path) -> bool:
    """Whether ``project`` is a Verbund project (has ``verbund.yml`` at its root)."""
    return (project / CONFIG_FILE).is_file()
