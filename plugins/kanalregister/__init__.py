"""Kanalregister: the register of a public body's official social-media channels.

Everything below the entry points knows nothing of MkDocs or click: the MkDocs adapter lives in
``plugin.py`` and the command line in ``cli.py``. ARCHITECTURE.md describes the layers.
"""

__version__ = "0.1.0"
