"""Command palette (Ctrl+P): jump to a city, a year or an item by typing its name."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_shishi.store import queries as q

KIND_WORD = {"city": "城市", "year": "年度", "item": "事项"}


class JumpProvider(Provider):
    async def _targets(self, text: str) -> list[q.JumpTarget]:
        reader = self.app.read  # type: ignore[attr-defined]
        return await asyncio.to_thread(reader, q.jump_targets, text)

    def _jump(self, target: q.JumpTarget) -> None:
        self.app.jump(target.kind, target.key)  # type: ignore[attr-defined]

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
