"""Every kind of notification task tracking sends reads in both languages (the kinds are
notifications/enums.py NotificationKind; the texts notifications/messages.py), and each
reminder the deadline rules schedule has its kind."""

from __future__ import annotations

from ecabinet.notifications.enums import NotificationKind
from ecabinet.notifications.messages import render
from ecabinet.tasks.enums import ReminderKind

PARAMS = {"code": "NV-2026-0001", "title": "Báo cáo", "due": "31/12/2026", "days": 3}


def test_every_notification_kind_has_its_text_in_both_languages():
    for kind in NotificationKind:
        vi, en = render(kind, PARAMS, "vi", "?"), render(kind, PARAMS, "en", "?")
        assert "NV-2026-0001" in vi and "NV-2026-0001" in en, kind
        assert vi != en, kind


def test_each_reminder_is_a_notification_kind():
    assert {NotificationKind(f"TASK_{k}") for k in ReminderKind} == {
        NotificationKind.TASK_DUE_7,
        NotificationKind.TASK_DUE_1,
        NotificationKind.TASK_OVERDUE,
    }


def test_the_one_day_reminder_on_the_deadline_itself_says_today():
    on_the_day = render(NotificationKind.TASK_DUE_1, {**PARAMS, "days": 0}, "en", "?")
    assert "due today" in on_the_day
