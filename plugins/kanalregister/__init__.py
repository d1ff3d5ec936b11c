"""Kanalregister: the register of a public body's official social-media channels.

The core (models, loader, checks, pages, render, export) knows nothing of MkDocs; the
MkDocs adapter lives in ``plugin.py`` and the command line in ``cli.py``.
"""

__version__ = "0.1.0"
