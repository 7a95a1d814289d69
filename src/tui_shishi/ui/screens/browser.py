"""The main screen: the plan tree on the left (or on top when narrow), the detail beside it.

``/`` opens the search (widgets/search.py, mounted on first use) over the panes; opening a hit
puts the tree cursor on its item and highlights the match in the detail, ``n``/``N`` step
through the hits and Esc puts the tree back as it was before ``/``.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree
from textual.widgets.tree import TreeNode, UnknownNodeID

from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.plan_tree import PlanTree, Ref, load_children


class BrowserScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("n", "step(1)", "Next hit", show=False),
        Binding("N,shift+n", "step(-1)", "Previous hit", show=False),
        # the app's t, hidden here so that "/ Search" fits the footer at 80 columns (t is in help)
        Binding("t", "app.next_theme", "Colours", show=False),
        Binding("tab", "app.focus_next", "Pane", show=False),
    ]

    def __init__(self, reader) -> None:
        super().__init__()
        self._read = reader
        # before "/": the tree cursor node, the focused widget, the ids of the expanded nodes
        self._origin: tuple[TreeNode[Ref] | None, object, set[int]] = (None, None, set())

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
        """Esc: from the detail back to the tree; in the tree, up to the parent node.
        While searching: the search closes and the tree is back as it was before ``/``."""
        panel = self.search_panel
        if panel is not None and panel.mode:
            self.end_search()
            return
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

    def on_year_view_open_section(self, event) -> None:
        """Enter on a section row of a year or section view (YearView.OpenSection)."""
        self.tree.reveal_section(event.section_id)

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

    # ------------------------------------------------------------------ search: / n N

    @property
    def search_panel(self):
        """The SearchPanel once ``/`` has mounted it, else None (by id: no import for Esc)."""
        found = self.query("#search")
        return found.first() if found else None

    async def action_search(self) -> None:
        """/: the search box and results over the panes (again: the last search's results)."""
        from tui_shishi.ui.widgets.search import SearchPanel

        panel = self.search_panel
        if panel is None:
            panel = SearchPanel(self._read, id="search")
            await self.mount(panel, before="#panes")
        if not panel.mode:
            self._origin = (self.tree.cursor_node, self.focused, {n.id for n in self._expanded()})
        self._search_mode("list")
        panel.show_list()

    def _search_mode(self, mode: str) -> None:
        self.set_class(mode == "list", "-search-list")
        self.set_class(mode == "step", "-search-step")

    def on_search_panel_opened(self, event) -> None:
        """Enter or a click on a hit (SearchPanel.Opened), or n/N: the item, match highlighted."""
        panel = self.search_panel
        if panel is not None:
            panel.show_step()
        self._search_mode("step")
        self.tree.focus()  # not the box, hidden now (reveal focuses the tree too, once found)
        self.query_one(DetailPane).highlight(event.match)
        self.reveal("item", event.hit.item_id)

    def action_step(self, delta: int) -> None:
        panel = self.search_panel
        if panel is None or not panel.mode:
            self.notify("先按 / 搜索", timeout=2)
            return
        panel.step(delta)

    def end_search(self) -> None:
        """Close the search: nodes opened since ``/`` closed, cursor and focus where they were."""
        panel = self.search_panel
        if panel is not None:
            panel.close()
        self._search_mode("")
        self.workers.cancel_group(self, "reveal")
        self.query_one(DetailPane).highlight(None)
        node, focused, expanded = self._origin
        self._origin = (None, None, set())
        tree = self.tree
        for opened in [n for n in self._expanded() if n.id not in expanded]:
            opened.collapse()
        if node is not None and self._still_in_tree(node):
            tree.select_path(node)
        target = focused if focused is not None and getattr(focused, "is_attached", False) else tree
        if panel is not None and (target is panel or panel in getattr(target, "ancestors", ())):
            target = tree  # (focus is never saved inside the panel; be safe all the same)
        target.focus()

    def _expanded(self):
        stack = [self.tree.root]
        while stack:
            node = stack.pop()
            if node.is_expanded:
                yield node
                stack.extend(node.children)

    def _still_in_tree(self, node: TreeNode[Ref]) -> bool:
        try:
            return self.tree.get_node_by_id(node.id) is node
        except UnknownNodeID:
            return False
