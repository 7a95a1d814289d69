"""The main screen: the plan tree on the left (or on top when narrow), the detail beside it."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree

from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.plan_tree import PlanTree, Ref, load_children


class BrowserScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("tab", "app.focus_next", "Pane", show=False),
    ]

    def __init__(self, reader) -> None:
        super().__init__()
        self._read = reader

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="panes"):
            yield PlanTree(self._read, id="tree")
            yield DetailPane(self._read, id="detail")
        yield Footer()

    @property
    def tree(self) -> PlanTree:
        return self.query_one(PlanTree)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Ref]) -> None:
        self.query_one(DetailPane).show(event.node.data)

    def action_back(self) -> None:
        """Esc: from the detail back to the tree; in the tree, up to the parent node."""
        tree = self.tree
        if not tree.has_focus:
            tree.focus()
            return
        node = tree.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not tree.root:
            tree.move_to(node.parent)

    def on_year_view_open_item(self, event) -> None:
        """Enter on a row of the year's item list (YearView.OpenItem; not imported before use)."""
        self.reveal("item", event.item_id)

    def reveal(self, kind: str, key: str | int) -> None:
        """Put the tree cursor on a city, year or item, loading the nodes on the way."""
        tree = self.tree
        if kind == "city":
            node = tree.find_city(str(key))
        elif kind == "year":
            node = tree.find_year(int(key))
            if node is not None:
                node.expand()
        else:
            self._reveal_item(int(key))
            return
        if node is not None:
            tree.select_path(node)
            tree.focus()

    @work(thread=True, exclusive=True, group="reveal")
    def _reveal_item(self, item_id: int) -> None:
        from tui_shishi.store import queries as q

        path = self._read(q.item_path, item_id)
        tree = self.tree
        node = self.app.call_from_thread(tree.find_year, path.year_id) if path else None
        if node is None:
            return
        steps = [("section", section_id) for section_id in path.section_ids] + [("item", item_id)]
        for kind, key in steps:
            if tree.needs_loading(node):
                self.app.call_from_thread(tree.fill, node, self._read(load_children, node.data))
            found = self.app.call_from_thread(tree.find_child, node, kind, key)
            while found is None:  # maybe on a later page: follow the "more" nodes
                more = next((c for c in node.children if c.data and c.data.kind == "more"), None)
                if more is None:
                    return
                self.app.call_from_thread(tree.fill, more, self._read(load_children, more.data))
                found = self.app.call_from_thread(tree.find_child, node, kind, key)
            node = found
        self.app.call_from_thread(tree.select_path, node)
        self.app.call_from_thread(tree.focus)
