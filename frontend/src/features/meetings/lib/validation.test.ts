import { describe, expect, it } from 'vitest';
import type { MeetingFormValues } from './validation';
import {
  hasErrors,
  parseOptions,
  validateAgendaItem,
  validateConclusion,
  validateMeeting,
  validateVote,
} from './validation';

const meeting: MeetingFormValues = {
  title: 'Phiên họp thường kỳ',
  kind: 'REGULAR',
  startsAt: '2026-12-01T08:00',
  endsAt: '2026-12-01T11:00',
  location: 'Phòng họp A',
  confidentiality: 'INTERNAL',
  participants: [
    { userId: 'u1', role: 'CHAIR' },
    { userId: 'u2', role: 'MEMBER' },
  ],
};

describe('validateMeeting', () => {
  it('accepts a complete meeting', () => {
    expect(hasErrors(validateMeeting(meeting))).toBe(false);
  });

  it('needs a title and a start', () => {
    const e = validateMeeting({ ...meeting, title: '   ', startsAt: '' });
    expect(e.title).toBe('meetings.form.error.titleRequired');
    expect(e.startsAt).toBe('meetings.form.error.startRequired');
  });

  it('needs the end after the start (an end is optional)', () => {
    expect(validateMeeting({ ...meeting, endsAt: '2026-12-01T08:00' }).endsAt).toBe(
      'meetings.form.error.endBeforeStart',
    );
    expect(validateMeeting({ ...meeting, endsAt: '' }).endsAt).toBeUndefined();
  });

  it('allows one chair and each person once', () => {
    expect(
      validateMeeting({ ...meeting, participants: [...meeting.participants, { userId: 'u3', role: 'CHAIR' }] })
        .participants,
    ).toBe('meetings.form.error.oneChair');
    expect(
      validateMeeting({ ...meeting, participants: [...meeting.participants, { userId: 'u2', role: 'GUEST' }] })
        .participants,
    ).toBe('meetings.form.error.duplicateParticipant');
  });
});

describe('validateAgendaItem', () => {
  it('needs a title; minutes are optional whole numbers 1…600', () => {
    expect(validateAgendaItem({ title: '', plannedMinutes: '' }).title).toBeDefined();
    expect(hasErrors(validateAgendaItem({ title: 'Báo cáo', plannedMinutes: '' }))).toBe(false);
    expect(hasErrors(validateAgendaItem({ title: 'Báo cáo', plannedMinutes: '30' }))).toBe(false);
    expect(validateAgendaItem({ title: 'Báo cáo', plannedMinutes: '0' }).plannedMinutes).toBeDefined();
    expect(validateAgendaItem({ title: 'Báo cáo', plannedMinutes: '2.5' }).plannedMinutes).toBeDefined();
  });
});

describe('validateVote', () => {
  it('uses the default options when none are typed', () => {
    expect(hasErrors(validateVote({ title: 'Thông qua kế hoạch', options: '' }))).toBe(false);
  });

  it('needs at least two different options when they are typed', () => {
    expect(validateVote({ title: 'X', options: 'Đồng ý' }).options).toBeDefined();
    expect(validateVote({ title: 'X', options: 'Đồng ý\n Đồng  ý ' }).options).toBeDefined();
    expect(validateVote({ title: 'X', options: 'Phương án 1\n\nPhương án 2' }).options).toBeUndefined();
  });

  it('needs a future deadline and voters for a written ballot', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const e = validateVote(
      { title: 'X', options: '', deadline: '2026-11-24T08:00', voterIds: [] },
      { written: true, now },
    );
    expect(e.deadline).toBe('meetings.vote.error.deadlinePast');
    expect(e.voterIds).toBe('meetings.vote.error.votersRequired');
    expect(
      hasErrors(
        validateVote(
          { title: 'X', options: '', deadline: '2026-11-30T17:00', voterIds: ['u1'] },
          { written: true, now },
        ),
      ),
    ).toBe(false);
  });

  it('parses options one per line', () => {
    expect(parseOptions(' A \n\n  B   c\n')).toEqual(['A', 'B c']);
  });
});

describe('validateConclusion', () => {
  const draft = {
    number: '',
    issuedOn: '',
    text: '',
    directives: [{ title: 'Hoàn thiện hệ thống', leadUnitId: 'unit', coordinatingUnitIds: [], dueDate: '2026-12-31' }],
  };

  it('lets an incomplete draft be saved', () => {
    expect(hasErrors(validateConclusion(draft))).toBe(false);
  });

  it('needs a title and a lead unit for each directive', () => {
    const e = validateConclusion({
      ...draft,
      directives: [{ title: ' ', leadUnitId: '', coordinatingUnitIds: [], dueDate: '' }],
    });
    expect(e['directive.0.title']).toBeDefined();
    expect(e['directive.0.leadUnitId']).toBeDefined();
  });

  it('needs the number, the date and the text to issue', () => {
    const e = validateConclusion(draft, { forIssue: true });
    expect(Object.keys(e).sort()).toEqual(['issuedOn', 'number', 'text']);
    expect(
      hasErrors(
        validateConclusion(
          { ...draft, number: '123/TB-VPCP', issuedOn: '2026-11-25', text: 'Kết luận' },
          { forIssue: true },
        ),
      ),
    ).toBe(false);
  });
});
