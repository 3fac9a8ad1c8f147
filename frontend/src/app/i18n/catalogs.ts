import meetingsEn from '../../features/meetings/locales/en.json';
import meetingsVi from '../../features/meetings/locales/vi.json';
import notificationsEn from '../../features/notifications/locales/en.json';
import notificationsVi from '../../features/notifications/locales/vi.json';
import orgEn from '../../features/org/locales/en.json';
import orgVi from '../../features/org/locales/vi.json';
import tasksEn from '../../features/tasks/locales/en.json';
import tasksVi from '../../features/tasks/locales/vi.json';
import appEn from '../../locales/en.json';
import appVi from '../../locales/vi.json';

/**
 * The message catalogues, merged at build: the app's own (`src/locales/`: layout, errors,
 * forms, navigation) and each feature's (`features/<domain>/locales/`, keys prefixed with the
 * domain). A new feature adds its two files here; messages.test.ts fails on a catalogue left
 * out, a key in two catalogues, or a key missing in one language.
 */
export const vi = { ...appVi, ...orgVi, ...meetingsVi, ...tasksVi, ...notificationsVi };
export const en = { ...appEn, ...orgEn, ...meetingsEn, ...tasksEn, ...notificationsEn };
