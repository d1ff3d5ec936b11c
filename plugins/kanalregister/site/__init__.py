"""The generated site: page specs, rendering with Jinja, icons, and the builder the plugin calls."""
