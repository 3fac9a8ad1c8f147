"""Rules: small synchronous predicates over (principal, object), combinable with | and &.

A rule must be cheap: it runs for every guarded field of every object in a response.
Whatever it needs beyond the principal and the object is loaded once per request into
the principal, never inside a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ecabinet.authz.principal import Clearance, Principal

Predicate = Callable[[Principal, Any], bool]


class Rule:
    def __init__(self, predicate: Predicate, description: str) -> None:
        self.predicate = predicate
        self.description = description

    def allows(self, principal: Principal, obj: Any = None) -> bool:
        return self.predicate(principal, obj)

    def __or__(self, other: Rule) -> Rule:
        return Rule(
            lambda p, o: self.predicate(p, o) or other.predicate(p, o),
            f"({self.description} or {other.description})",
        )

    def __and__(self, other: Rule) -> Rule:
        return Rule(
            lambda p, o: self.predicate(p, o) and other.predicate(p, o),
            f"({self.description} and {other.description})",
        )

    def __repr__(self) -> str:
        return f"Rule<{self.description}>"


ALLOW = Rule(lambda p, o: True, "anyone")
DENY = Rule(lambda p, o: False, "nobody")
AUTHENTICATED = Rule(lambda p, o: p.is_authenticated, "authenticated")
USER = Rule(lambda p, o: p.is_user, "a signed-in user")


def role(*roles: str) -> Rule:
    return Rule(lambda p, o: p.has_role(*roles), "role " + "/".join(roles))


def scope(name: str) -> Rule:
    """A user or a partner client whose token was granted `name` (a user's token reaches
    no further than its scopes either: one asking for `openid profile` reads no tasks)."""
    return Rule(lambda p, o: (p.is_user or p.is_client) and p.has_scope(name), f"scope {name}")


def user_scope(name: str) -> Rule:
    """A signed-in user whose token was granted `name`."""
    return Rule(lambda p, o: p.is_user and p.has_scope(name), f"user scope {name}")


def client_scope(name: str) -> Rule:
    """Only a partner client with the scope (users do not pass)."""
    return Rule(lambda p, o: p.is_client and p.has_scope(name), f"client scope {name}")


def owner(attr: str = "id") -> Rule:
    """The object is the principal's own user record (or carries its user id in `attr`)."""

    def check(p: Principal, o: Any) -> bool:
        return p.user_id is not None and getattr(o, attr, None) == p.user_id

    return Rule(check, f"owner({attr})")


def listed_in(attr: str) -> Rule:
    """The principal's user id is in the object's set `attr` (e.g. a meeting's managers)."""

    def check(p: Principal, o: Any) -> bool:
        return p.user_id is not None and p.user_id in getattr(o, attr, ())

    return Rule(check, f"listed in {attr}")


def cleared_for(attr: str = "confidentiality") -> Rule:
    """The principal's clearance covers the object's confidentiality level."""

    def check(p: Principal, o: Any) -> bool:
        level = getattr(o, attr, Clearance.TOP_SECRET)
        return p.clearance >= Clearance(level)

    return Rule(check, f"cleared for {attr}")
