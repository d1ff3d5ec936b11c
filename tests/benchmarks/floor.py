"""The floor of ``kanalregister validate``: what reading the same files costs at the least.

A fresh Python process that imports PyYAML, finds the register's YAML files as validate does
(every ``*.yml`` under the channels folder, the organisation file included) and loads each
with ``yaml.load(..., Loader=yaml.CSafeLoader)`` — libyaml's C parser and PyYAML's
constructor, and nothing else: no positions, no duplicate-key check, no models, no checks.
``validate`` does all of that on top, so its time divided by this one says how much the
register's own work costs, independently of how fast or busy the machine is just then.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run with ``python -c`` so that the floor pays the same interpreter start-up as validate.
SCRIPT = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).rglob("*.yml")):
    with open(path, encoding="utf-8") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
"""


def floor_command(channels_dir: Path) -> list[str]:
    """The floor's command line for the channel files in ``channels_dir``."""
    return [sys.executable, "-c", SCRIPT, str(channels_dir)]
