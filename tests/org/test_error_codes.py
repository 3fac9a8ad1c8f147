"""Every code org and task tracking answer with is in their schema enum (OrgErrorCode,
TasksErrorCode) and has its message in both languages, and nothing else has one."""

from __future__ import annotations

from ecabinet.graphql.schema import build_schema
from ecabinet.org.enums import OrgErrorCode
from ecabinet.org.errors import MESSAGES as ORG_MESSAGES
from ecabinet.tasks.enums import TasksErrorCode
from ecabinet.tasks.errors import MESSAGES as TASK_MESSAGES


def test_each_org_and_task_code_has_its_message_in_both_languages():
    assert set(ORG_MESSAGES) == {c.value for c in OrgErrorCode}
    assert set(TASK_MESSAGES) == {c.value for c in TasksErrorCode}
    for message in (*ORG_MESSAGES.values(), *TASK_MESSAGES.values()):
        assert message.vi and message.en


def test_the_schema_lists_the_codes_of_org_and_tasks():
    sdl = build_schema().as_str()
    for enum in (OrgErrorCode, TasksErrorCode):
        block = sdl.split(f"enum {enum.__name__} {{", 1)[1].split("}", 1)[0]
        assert set(block.split()) == {c.value for c in enum}
