"""Languages of the product: Vietnamese first, English second."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["vi", "en"]
DEFAULT_LANG: Lang = "vi"


@dataclass(frozen=True)
class Message:
    """A human-readable text in both languages, with {placeholders}."""

    vi: str
    en: str

    def render(self, lang: str, **params: object) -> str:
        template = self.en if lang == "en" else self.vi
        try:
            return template.format(**params)
        except (KeyError, IndexError):
            return template


def negotiate(accept_language: str | None) -> Lang:
    """The best of vi/en for an Accept-Language header (q-values honoured)."""
    if not accept_language:
        return DEFAULT_LANG
    best: tuple[float, Lang] | None = None
    for part in accept_language.split(",")[:20]:
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("vi", "en") and (best is None or q > best[0]):
            best = (q, primary)  # type: ignore[assignment]
    return best[1] if best else DEFAULT_LANG
