"""A Verbund: one register over many public bodies, built from their open data.

``config`` reads ``verbund.yml``, ``data`` loads what ``kanalregister fetch`` stored under
``daten/`` (offline), ``conflicts`` compares the members, ``fetch`` downloads the exports.
"""
