"""Which version of a row wins: version vectors, and one deterministic order for the rest.

A version *dominates* another when its version vector includes it (it was made after
that version had been seen). Versions neither of which dominates the other are
concurrent — two PCs of one unit edited the same record. For each row an installation
keeps the versions no other version dominates (the winner in the row itself, the others
as listed conflicts). The winner among them is the greatest by :func:`order_key`, which
every machine computes the same way, whatever order the versions arrived in: a deletion
beats an edit, then the later edit time wins (only between concurrent versions, where
nothing better exists), then the origin id breaks ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

Vector = Mapping[str, int]


def dominates(a: Vector, b: Vector) -> bool:
    """True when ``a`` includes every change ``b`` includes (a >= b)."""
    return all(a.get(origin, 0) >= counter for origin, counter in b.items())


def merged(*vectors: Vector) -> dict[str, int]:
    out: dict[str, int] = {}
    for vector in vectors:
        for origin, counter in vector.items():
            if counter > out.get(origin, 0):
                out[origin] = counter
    return out


@dataclass(frozen=True)
class Version:
    origin: str
    counter: int
    vv: Vector
    deleted: bool
    updated_at: datetime

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Version:
        return cls(values["ver_origin"], values["ver_counter"], dict(values["vv"]), bool(values["deleted"]), values["updated_at"])

    @property
    def key(self) -> tuple[str, int]:
        return self.origin, self.counter


def order_key(v: Version) -> tuple:
    return (v.deleted, v.updated_at, v.origin, v.counter)


@dataclass(frozen=True)
class Decision:
    outcome: str  # new | updated | unchanged | stale | conflicting
    winner: Version | None  # the version the row holds afterwards (None: unchanged)
    siblings: tuple[Version, ...]  # the concurrent versions listed as conflicts afterwards


def decide(current: Version | None, siblings: list[Version], incoming: Version) -> Decision:
    """What to do with ``incoming`` given the row's ``current`` winner and its listed
    concurrent ``siblings``. Commutative and associative: any arrival order of the same
    versions leaves the same winner and the same siblings."""
    if current is None and not siblings:
        return Decision("new", incoming, ())
    kept = ([current] if current else []) + list(siblings)
    for v in kept:
        if v.key == incoming.key:
            return Decision("unchanged", None, tuple(siblings))
        if dominates(v.vv, incoming.vv):
            return Decision("stale", None, tuple(siblings))
    remaining = [v for v in kept if not dominates(incoming.vv, v.vv)] + [incoming]
    winner = max(remaining, key=order_key)
    others = tuple(sorted((v for v in remaining if v is not winner), key=order_key))
    return Decision("updated" if len(remaining) == 1 else "conflicting", winner, others)
