"""Command palette (Ctrl+P): jump to a city, a year or an item by typing its name."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_shishi.store import queries as q
from tui_shishi.store import views

if TYPE_CHECKING:
    from tui_shishi.ui.app import ShishiApp

KIND_WORD = {"city": "城市", "year": "年度", "item": "事项"}


class JumpProvider(Provider):
    @property
    def shishi(self) -> ShishiApp:
        return cast("ShishiApp", self.app)  # (the provider is ShishiApp's: its COMMANDS, nobody else's)

    async def _targets(self, text: str) -> list[views.JumpTarget]:
        return await asyncio.to_thread(self.shishi.read, q.jump_targets, text)

    def _jump(self, target: views.JumpTarget) -> None:
        self.shishi.jump(target.kind, target.key)

    async def discover(self) -> Hits:
        for target in await self._targets(""):
            yield DiscoveryHit(target.label, partial(self._jump, target), help=f"{KIND_WORD[target.kind]} · {target.help}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        # The database narrows by substring; the matcher ranks and highlights what is left.
        for target in await self._targets(query.strip()):
            score = matcher.match(target.label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(target.label),
                    partial(self._jump, target),
                    text=target.label,
                    help=f"{KIND_WORD[target.kind]} · {target.help}",
                )
