"""Python-Markdown extension: accessible names for the checkboxes of ``pymdownx.tasklist``.

pymdownx renders ``- [ ] text`` as a disabled checkbox inside an empty ``<label>``, with the
text outside it: a screen reader announces "checkbox, not checked" without saying what is to be
checked (axe rule ``label``; WCAG 1.3.1 and 4.1.2). This extension names every such checkbox
by its list item (``aria-labelledby``), so the checklists of the guidelines stay checklists.

Enable it after ``pymdownx.tasklist`` in ``mkdocs.yml``: ``- kanalregister.tasklist_labels``.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# The markup of pymdownx.tasklist 10.x (custom_checkbox or not), after its item's opening tag.
_TASK_ITEM = re.compile(
    r'<li(?P<attrs>[^>]*\bclass="[^"]*\btask-list-item\b[^"]*"[^>]*)>'
    r'(?P<between>\s*(?:<p>)?\s*(?:<label class="task-list-control">)?)'
    r'<input type="checkbox"')
_ID = re.compile(r'\bid="([^"]*)"')


class TaskListLabels(Postprocessor):  # type: ignore[misc]  # Markdown ships no types
    """Give each task-list item an id and point its checkbox's ``aria-labelledby`` at it."""

    def run(self, text: str) -> str:
        """Rewrite the page's HTML; pages without task lists come back unchanged."""
        counter = itertools.count(1)

        def label(match: re.Match[str]) -> str:
            attrs = match["attrs"]
            found = _ID.search(attrs)
            item_id = found.group(1) if found else f"kr-aufgabe-{next(counter)}"
            if not found:
                attrs += f' id="{item_id}"'
            return (f'<li{attrs}>{match["between"]}'
                    f'<input type="checkbox" aria-labelledby="{item_id}"')

        return _TASK_ITEM.sub(label, text) if "task-list-item" in text else text


class TaskListLabelsExtension(Extension):  # type: ignore[misc]
    """Registers :class:`TaskListLabels` after the raw HTML of the page is restored."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the postprocessor; priority 5 runs it after ``raw_html`` (30) put the boxes in."""
        md.postprocessors.register(TaskListLabels(md), "kanalregister_tasklist_labels", 5)


def makeExtension(**kwargs: Any) -> TaskListLabelsExtension:
    """Entry point that Python-Markdown calls for ``kanalregister.tasklist_labels``."""
    return TaskListLabelsExtension(**kwargs)
