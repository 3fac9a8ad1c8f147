import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { graphqlWsClient } from '../../../app/services';
import { coalesce } from '../lib/coalesce';
import { MeetingEventsSubscription } from '../operations';
import type { MeetingEventsSubscription as MeetingEventsData } from '../../../gql/graphql';

export type MeetingEvent = MeetingEventsData['meetingEvents'];

/** Re-query at most this often while events pour in (the last event always gets one). */
const REFETCH_EVERY_MS = 250;

/**
 * Keeps a meeting page current: every `meetingEvents` message (attendance, agenda, speakers,
 * votes opened or closed, status) re-queries the meeting, folded so that a burst costs one
 * or two requests. The events carry no snapshot, so after the WebSocket (re)connects —
 * events may have been missed meanwhile — the meeting is re-queried too.
 */
export function useMeetingLive(meetingId: string | null | undefined, refetch: () => void): MeetingEvent | null {
  const client = useClient();
  const refetchRef = useRef(refetch);
  const [lastEvent, setLastEvent] = useState<MeetingEvent | null>(null);

  useEffect(() => {
    refetchRef.current = refetch;
  }, [refetch]);

  useEffect(() => {
    if (!meetingId) return;
    const again = coalesce(() => {
      refetchRef.current();
    }, REFETCH_EVERY_MS);
    const subscription = client.subscription(MeetingEventsSubscription, { meetingId }).subscribe((result) => {
      const event = result.data?.meetingEvents;
      if (!event) return;
      setLastEvent(event);
      again();
    });
    const unlisten = graphqlWsClient.on('connected', () => {
      again();
    });
    return () => {
      unlisten();
      again.cancel();
      subscription.unsubscribe();
    };
  }, [client, meetingId]);

  return lastEvent;
}
