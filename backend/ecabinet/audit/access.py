"""Who reads the audit trail: a pure, synchronous rule over the principal, named by
`authz/policy.py` and told to the viewer by `Query.viewerCan.readAudit`. Which events a
reader sees (up to their clearance; a partner only those its scopes cover) is the row
filter of `AuditEvent` in the policy."""

from __future__ import annotations

from ecabinet.authz.principal import Principal, Role

AUDIT_READ = "audit:read"


def can_read_audit(principal: Principal) -> bool:
    """AUDITORs and ADMINs whose token carries audit:read, and partner systems granted
    audit:read."""
    if principal.is_client:
        return principal.has_scope(AUDIT_READ)
    return (
        principal.is_user
        and principal.has_role(Role.AUDITOR, Role.ADMIN)
        and principal.has_scope(AUDIT_READ)
    )
