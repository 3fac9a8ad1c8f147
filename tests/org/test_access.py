"""Who administers people and units (org/access.py) and who reads the audit trail
(audit/access.py): one function each, named by the policy for every such field and told
to the viewer by Query.viewerCan."""

from __future__ import annotations

import uuid

from ecabinet.audit.access import can_read_audit
from ecabinet.authz.policy import FIELDS
from ecabinet.authz.principal import Principal, Role
from ecabinet.org.access import can_administer_users

ORG_MUTATIONS = [
    "createUser",
    "updateUser",
    "deactivateUser",
    "setPassword",
    "createOrgUnit",
    "updateOrgUnit",
    "deactivateOrgUnit",
]


def user(*roles: str, scopes: tuple[str, ...] = ()) -> Principal:
    return Principal(
        kind="user",
        user_id=uuid.uuid4(),
        roles=frozenset(roles),
        scopes=frozenset(scopes),
    )


def test_an_admin_administers_people_only_with_users_write_in_the_token():
    assert can_administer_users(user(Role.ADMIN, scopes=("users:write",)))
    assert not can_administer_users(user(Role.ADMIN, scopes=("openid",)))
    assert not can_administer_users(user(Role.HR_OFFICER, scopes=("users:write",)))


def test_auditors_and_admins_read_the_audit_trail_with_audit_read():
    assert can_read_audit(user(Role.AUDITOR, scopes=("audit:read",)))
    assert not can_read_audit(user(Role.AUDITOR))
    assert not can_read_audit(user(Role.STAFF, scopes=("audit:read",)))
    partner = Principal(kind="client", client_id="p", scopes=frozenset({"audit:read"}))
    assert can_read_audit(partner)


def test_the_policy_names_the_org_and_audit_permissions():
    for mutation in ORG_MUTATIONS:
        description = FIELDS[f"Mutation.{mutation}"].description
        assert description == "ecabinet.org.access.can_administer_users", mutation
    assert FIELDS["Query.auditEvents"].description == "ecabinet.audit.access.can_read_audit"
    admin = user(Role.ADMIN, scopes=("users:write",))
    assert FIELDS["Mutation.createUser"].allows(admin)
    assert not FIELDS["Mutation.createUser"].allows(user(Role.ADMIN))


def test_only_someone_cleared_for_a_person_administers_them_and_never_their_own_clearance():
    import pytest

    from ecabinet.authz.principal import Clearance
    from ecabinet.org import access
    from ecabinet.org.models import User
    from ecabinet.platform.errors import Forbidden

    admin = Principal(
        kind="user", user_id=uuid.uuid4(), roles=frozenset({Role.ADMIN}), clearance=Clearance.SECRET
    )
    top = User(id=uuid.uuid4(), clearance=Clearance.TOP_SECRET)
    peer = User(id=uuid.uuid4(), clearance=Clearance.SECRET)
    itself = User(id=admin.user_id, clearance=Clearance.SECRET)
    assert access.can_administer_user(admin, peer) and not access.can_administer_user(admin, top)
    with pytest.raises(Forbidden) as err:
        access.require_administer_user(admin, top)
    assert err.value.reason == "CLEARANCE_ABOVE_OWN"
    assert access.can_change_clearance(admin, peer)
    with pytest.raises(Forbidden) as err:
        access.require_change_clearance(admin, itself)
    assert err.value.reason == "CANNOT_CHANGE_OWN_CLEARANCE"
