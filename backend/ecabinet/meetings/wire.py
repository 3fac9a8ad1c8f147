"""What meetings plug into the platform, in one call (from `app.DOMAINS`); nothing of it
registers by the side effect of an import:

- jobs: written ballots close themselves at their deadline (`votes.jobs`);
- hooks: a closed meeting closes its open votes; a meeting whose level or audience changes
  gives its votes its level and makes their subscribers re-check access (`votes.service`);
- node types: Meeting, Vote, AgendaItem (`Query.node`, through their loaders);
- file owners: who may download an agenda item's documents (`agenda.service`);
- routes: the vote result exports (`votes.routes`).
"""

from __future__ import annotations

from ecabinet.meetings import schema, service
from ecabinet.meetings.agenda import schema as agenda_schema
from ecabinet.meetings.agenda import service as agenda
from ecabinet.meetings.votes import jobs, routes
from ecabinet.meetings.votes import schema as votes_schema
from ecabinet.meetings.votes import service as votes
from ecabinet.platform.wiring import Registry

DEADLINE_JOB = "meetings.close_due_votes"


def wire(registry: Registry) -> None:
    registry.job(DEADLINE_JOB, jobs.INTERVAL, jobs.close_due_votes)
    registry.hook(service.MEETING_CLOSED_HOOK, votes.close_open_votes_of_meeting)
    registry.hook(service.MEETING_AUDIENCE_CHANGED_HOOK, votes.follow_meeting)
    registry.node("Meeting", schema.meeting_node)
    registry.node("Vote", votes_schema.vote_node)
    registry.node("AgendaItem", agenda_schema.agenda_item_node)
    registry.file_owner("AgendaItem", agenda.can_download)
    registry.route(*routes.routes)
