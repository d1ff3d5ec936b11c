"""One YAML file read safely, with the position of every key and value."""
