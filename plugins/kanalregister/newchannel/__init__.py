"""``kanalregister new``: the workspace, the questions, the interview and the YAML writer."""
