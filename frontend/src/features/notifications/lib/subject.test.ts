import { describe, expect, it } from 'vitest';
import { badgeText, notificationHref } from './subject';

describe('notificationHref', () => {
  it('leads task notifications to the task', () => {
    expect(notificationHref('TASK_DUE_1', 'VGFzazox')).toBe('/tasks/VGFzazox');
    expect(notificationHref('TASK_ASSIGNED', 'a/b')).toBe('/tasks/a%2Fb');
  });

  it('leads meeting notifications to the meeting and others nowhere', () => {
    expect(notificationHref('MEETING_INVITED', 'TWVldGluZzox')).toBe('/meetings/TWVldGluZzox');
    expect(notificationHref('SYSTEM', 'x')).toBeNull();
    expect(notificationHref('TASK_DUE_7', null)).toBeNull();
  });
});

describe('badgeText', () => {
  it('caps the count at 9+', () => {
    expect(badgeText(3)).toBe('3');
    expect(badgeText(10)).toBe('9+');
  });
});
