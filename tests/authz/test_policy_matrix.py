"""The authorization policy: complete (default deny), and each rule doing what it says.

Every sensitive field adds a row to MATRIX: (Type.field, who asks, whose record) → allowed?
"""

from __future__ import annotations

import uuid

import pytest
from graphql import GraphQLNonNull, GraphQLObjectType

from ecabinet.authz import policy
from ecabinet.authz.principal import SCOPES, Clearance, Principal, Role
from ecabinet.graphql.schema import build_schema
from tests.org.test_access import ORG_MUTATIONS
from tests.tasks.test_access import TASK_MUTATIONS

pytestmark = pytest.mark.smoke

SCHEMA = build_schema()
GQL = SCHEMA._schema
OBJECT_TYPES = {
    name: t
    for name, t in GQL.type_map.items()
    if isinstance(t, GraphQLObjectType) and not name.startswith("__")
}
ROOTS = {"Query", "Mutation", "Subscription"}

ME, OTHER = uuid.uuid4(), uuid.uuid4()


def user(*roles: Role, uid: uuid.UUID = ME) -> Principal:
    return Principal(
        kind="user",
        user_id=uid,
        username="u",
        roles=frozenset(roles),
        clearance=Clearance.INTERNAL,
        scopes=frozenset(SCOPES),
    )


def scoped(role: Role, *scopes: str) -> Principal:
    """A user whose token was granted only `scopes` (e.g. `openid profile`: none of ours)."""
    return Principal(
        kind="user", user_id=ME, username="u", roles=frozenset({role}), scopes=frozenset(scopes)
    )


def client(*scopes: str) -> Principal:
    return Principal(kind="client", client_id="partner", scopes=frozenset(scopes))


class Record:
    def __init__(self, key: uuid.UUID) -> None:
        self.key = key


class ManagedBy:
    """An agenda item of a meeting whose chair or secretary is `key`."""

    def __init__(self, key: uuid.UUID) -> None:
        self.manager_keys = frozenset({key})


STAFF, ADMIN, HR, AUDITOR = (
    user(Role.STAFF),
    user(Role.ADMIN),
    user(Role.HR_OFFICER),
    user(Role.AUDITOR),
)
MINE, THEIRS = Record(ME), Record(OTHER)
BARE = scoped(Role.ADMIN)  # an administrator's token asking for `openid profile` only

MATRIX = [
    ("User.email", STAFF, MINE, True),
    ("User.email", STAFF, THEIRS, False),
    ("User.email", HR, THEIRS, True),
    ("User.email", ADMIN, THEIRS, True),
    ("User.email", AUDITOR, THEIRS, False),
    ("User.email", client("hr:read"), THEIRS, True),
    ("User.email", client("meetings:read"), THEIRS, False),
    ("User.clearance", STAFF, MINE, True),
    ("User.clearance", STAFF, THEIRS, False),
    ("User.clearance", AUDITOR, THEIRS, True),
    ("User.clearance", client("hr:read"), THEIRS, False),
    ("User.active", STAFF, THEIRS, False),
    ("User.active", HR, THEIRS, True),
    ("User.lastLoginAt", STAFF, MINE, True),
    ("User.lastLoginAt", HR, THEIRS, False),
    ("User.lastLoginAt", AUDITOR, THEIRS, True),
    # the staff directory needs users:read (issue 8 Low 14); oneself needs nothing
    ("User.fullName", client(), THEIRS, False),
    ("User.fullName", client("meetings:read", "hr:read"), THEIRS, False),
    ("User.fullName", client("users:read"), THEIRS, True),
    ("User.fullName", BARE, THEIRS, False),
    ("User.fullName", BARE, MINE, True),
    ("Query.users", client("meetings:read"), None, False),
    ("Query.users", client("users:read"), None, True),
    # a user's token reaches no further than its scopes (issue 8 Low 16)
    ("Query.tasks", BARE, None, False),
    ("Task.title", BARE, None, False),
    ("Query.meetings", BARE, None, False),
    ("Meeting.title", BARE, None, False),
    ("Mutation.castBallot", BARE, None, False),
    ("Mutation.checkIn", BARE, None, False),
    ("Mutation.createTask", BARE, None, False),
    ("Mutation.createUser", BARE, None, False),  # an ADMIN, but the token lacks users:write
    ("Mutation.updateUser", scoped(Role.ADMIN, "users:read"), None, False),
    ("Mutation.updateUser", scoped(Role.ADMIN, "users:write"), None, True),
    ("Mutation.revokePartnerClient", scoped(Role.ADMIN, "users:write"), None, True),
    ("Mutation.updateUser", scoped(Role.STAFF, "users:write"), None, False),
    ("Query.notifications", BARE, None, False),  # each names a task
    ("Notification.title", BARE, None, False),
    ("Query.notifications", scoped(Role.STAFF, "tasks:read"), None, True),
    ("Query.auditEvents", scoped(Role.AUDITOR), None, False),
    ("Query.tasks", scoped(Role.STAFF, "tasks:read"), None, True),
    ("Mutation.createTask", scoped(Role.STAFF, "tasks:read"), None, False),
    ("Mutation.createTask", scoped(Role.STAFF, "tasks:write"), None, True),
    ("Query.viewer", client("hr:read"), None, True),  # resolves to null, no error
    ("Query.auditEvents", STAFF, None, False),
    ("Query.auditEvents", AUDITOR, None, True),
    ("Query.auditEvents", client("audit:read"), None, True),
    ("AuditEvent.details", STAFF, None, False),
    ("AuditEvent.details", AUDITOR, None, True),
    ("AgendaItem.positionTally", user(Role.SECRETARY), THEIRS, True),
    ("AgendaItem.positionTally", user(Role.CABINET_MEMBER), THEIRS, False),
    ("AgendaItem.positionTally", STAFF, ManagedBy(ME), True),
    ("AgendaItem.positionTally", STAFF, ManagedBy(OTHER), False),
    ("Meeting.title", client("meetings:read"), None, True),
    ("Meeting.title", client("hr:read"), None, False),
    ("Vote.tally", client("tasks:read"), None, False),
    ("Mutation.castBallot", user(Role.CABINET_MEMBER), None, True),
    ("Task.title", client("tasks:read"), None, True),
    ("Task.title", client("meetings:read"), None, False),
    ("Notification.title", client(*SCOPES), None, False),
    *[
        (f"Mutation.{m}", who, None, ok)
        for m in (*TASK_MUTATIONS, "markNotificationsRead")
        # a signed-in user reaches the service, which checks assigner / lead unit rules
        for who, ok in ((STAFF, True), (client(*SCOPES), False))
    ],
    ("Mutation.castBallot", client("votes:cast"), None, True),
    ("Mutation.castBallot", client("meetings:read"), None, False),
    *[
        ("Mutation.createMeeting", who, None, ok)
        for who, ok in (
            (user(Role.SECRETARY), True),
            (ADMIN, True),
            (STAFF, False),
            (client("meetings:write"), True),
            (client("meetings:read"), False),
        )
    ],
    *[
        # the chair of this meeting may too: the service decides per meeting
        (f"Mutation.{m}", who, None, ok)
        for m in (
            "updateMeeting",
            "setMeetingStatus",
            "addParticipant",
            "removeParticipant",
            "changeParticipantRole",
            "setAttendance",
            "addAgendaItem",
            "updateAgendaItem",
            "removeAgendaItem",
            "moveAgendaItem",
        )
        for who, ok in (
            (user(Role.CABINET_MEMBER), True),
            (client("meetings:write"), True),
            (client("meetings:read"), False),
        )
    ],
    *[
        (f"Mutation.{m}", who, None, ok)
        for m in (
            "respondToInvitation",
            "checkIn",
            "startAgendaItem",
            "finishAgendaItem",
            "setItemPosition",
            "adoptEnBloc",
            "requestToSpeak",
            "withdrawSpeakerRequest",
            "startSpeaker",
            "finishSpeaker",
            "attachDocument",
            "createVote",
            "openVote",
            "closeVote",
            "saveConclusion",
            "issueConclusion",
        )
        # any signed-in user reaches the service, which checks this meeting's roles
        for who, ok in ((STAFF, True), (client(*SCOPES), False))
    ],
    *[
        (f"Mutation.{m}", who, None, ok)
        for m in (*ORG_MUTATIONS, "revokePartnerClient", "rotatePartnerClientSecret")
        for who, ok in ((ADMIN, True), (STAFF, False), (HR, False), (client(*SCOPES), False))
    ],
    *[
        (field, who, None, ok)
        for field in (
            "Query.partnerClients",
            "PartnerClient.name",
            "PartnerClientPayload.clientSecret",
        )
        for who, ok in ((ADMIN, True), (STAFF, False), (AUDITOR, False), (client(*SCOPES), False))
    ],
]


@pytest.mark.parametrize(
    ("field", "who", "obj", "allowed"), MATRIX, ids=[f"{f}-{i}" for i, (f, *_) in enumerate(MATRIX)]
)
def test_matrix(field, who, obj, allowed):
    type_name, field_name = field.split(".")
    assert policy.can(who, type_name, field_name, obj) is allowed


def test_every_object_type_has_a_rule():
    assert sorted(set(OBJECT_TYPES) - set(policy.TYPES)) == []


def test_every_root_field_and_mutation_has_its_own_rule():
    missing = [
        f"{r}.{f}"
        for r in ROOTS
        if r in OBJECT_TYPES
        for f in OBJECT_TYPES[r].fields
        if f"{r}.{f}" not in policy.FIELDS
    ]
    assert missing == []


def test_every_declared_rule_names_a_real_field():
    stale = [
        k
        for k in policy.FIELDS
        if k.split(".")[0] not in OBJECT_TYPES
        or k.split(".")[1] not in OBJECT_TYPES[k.split(".")[0]].fields
    ]
    assert stale == [] and sorted(set(policy.TYPES) - set(OBJECT_TYPES)) == []


def test_guarded_fields_are_nullable():
    """A viewer who may not see a field gets null there, not a broken parent."""
    non_null = [
        k
        for k in policy.FIELDS
        if k.split(".")[0] not in ROOTS
        and isinstance(OBJECT_TYPES[k.split(".")[0]].fields[k.split(".")[1]].type, GraphQLNonNull)
    ]
    assert non_null == []


def test_every_sensitive_field_is_in_the_matrix():
    covered = {f for f, *_ in MATRIX}
    assert (
        sorted(
            k
            for k in policy.FIELDS
            if not k.startswith("Query.") and not k.startswith("Subscription.") and k not in covered
        )
        == []
    )


def test_unknown_type_is_denied():
    assert policy.can(ADMIN, "Salary", "amount") is False


def test_policy_is_applied_to_every_guarded_schema_field():
    expected = sorted(
        f"{t}.{f}"
        for t, gt in OBJECT_TYPES.items()
        for f in gt.fields
        if policy.rule_for(t, f) is not policy.ALLOW
    )
    assert sorted(SCHEMA.guarded_fields) == expected


def test_row_filter_exists_for_every_model():
    from ecabinet.models import metadata
    from ecabinet.platform.db import Base

    mapped = {m.class_ for m in Base.registry.mappers}
    private = {"UserRole", "OAuthClient", "AuthorizationCode", "RefreshToken", "RevokedSession"}
    assert metadata.tables
    assert (
        sorted(c.__name__ for c in mapped if c not in policy.ROWS and c.__name__ not in private)
        == []
    )
