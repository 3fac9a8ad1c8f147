"""What meetings plug into the platform (called from `app.DOMAINS`): the deadline job of
written ballots, closing a meeting's open votes when it closes, the node types, who may
download an agenda item's documents, and the vote exports."""

from __future__ import annotations

from ecabinet.meetings import http, jobs, schema, service, votes
from ecabinet.platform.wiring import Registry


def wire(registry: Registry) -> None:
    registry.job("meetings.close_due_votes", 2.0, jobs.close_due_votes)
    registry.hook(service.MEETING_CLOSED_HOOK, votes.close_open_votes_of_meeting)
    registry.node("Meeting", schema._meeting_node)
    registry.node("Vote", schema._vote_node)
    registry.node("AgendaItem", schema._item_node)
    registry.file_owner("AgendaItem", service.can_download)
    registry.route(*http.routes)
