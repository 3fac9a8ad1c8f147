/** Simple line icons drawn for e-Cabinet (24×24, currentColor); decorative unless labelled. */
export type IconName =
  | 'home'
  | 'meetings'
  | 'tasks'
  | 'documents'
  | 'hr'
  | 'treaties'
  | 'assets'
  | 'menu'
  | 'close'
  | 'logout'
  | 'language'
  | 'lock'
  | 'offline'
  | 'alert'
  | 'user'
  | 'chevronDown'
  | 'star'
  | 'plus'
  | 'arrowUp'
  | 'arrowDown'
  | 'trash'
  | 'upload'
  | 'play'
  | 'stop'
  | 'mic'
  | 'check'
  | 'edit'
  | 'screen'
  | 'tablet'
  | 'clock'
  | 'pin'
  | 'users'
  | 'vote'
  | 'file'
  | 'back'
  | 'search'
  | 'calendar';

const PATHS: Readonly<Record<IconName, readonly string[]>> = {
  home: ['M3 11 12 4l9 7', 'M5 10v10h5v-6h4v6h5V10'],
  meetings: ['M4 5h16v10H4z', 'M8 19h8', 'M12 15v4', 'M8 9h8', 'M8 12h5'],
  tasks: [
    'M9 6h11',
    'M9 12h11',
    'M9 18h11',
    'm3.5 6 1.5 1.5L7.5 5',
    'm3.5 12 1.5 1.5 2.5-2.5',
    'm3.5 18 1.5 1.5 2.5-2.5',
  ],
  documents: ['M6 3h9l4 4v14H6z', 'M15 3v4h4', 'M9 12h7', 'M9 16h7'],
  hr: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21c0-4 3.6-6 8-6s8 2 8 6'],
  treaties: [
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
    'M3 12h18',
    'M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z',
  ],
  assets: ['M3 21h18', 'M5 21V10l7-5 7 5v11', 'M9 21v-6h6v6', 'M9 11h.01', 'M15 11h.01'],
  menu: ['M4 6h16', 'M4 12h16', 'M4 18h16'],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  logout: ['M10 4H5v16h5', 'M15 8l4 4-4 4', 'M19 12H9'],
  language: [
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
    'M3.6 9h16.8',
    'M3.6 15h16.8',
    'M12 3c2 2.4 3 5.4 3 9s-1 6.6-3 9c-2-2.4-3-5.4-3-9s1-6.6 3-9z',
  ],
  lock: ['M6 11h12v10H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3', 'M12 15v2'],
  offline: [
    'M3 3l18 18',
    'M8.5 16.5a5 5 0 0 1 7 0',
    'M5 13a10 10 0 0 1 5-2.7',
    'M19 13a10 10 0 0 0-2.1-1.5',
    'M2 9.5a15 15 0 0 1 4.3-2.8',
    'M22 9.5A15 15 0 0 0 11 5.1',
    'M12 20h.01',
  ],
  alert: ['M12 3 2 20h20z', 'M12 10v4', 'M12 17h.01'],
  user: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21c0-4 3.6-6 8-6s8 2 8 6'],
  chevronDown: ['m6 9 6 6 6-6'],
  star: ['M12 2.5l2.8 6.6 7.2.6-5.5 4.7 1.7 7-6.2-3.8-6.2 3.8 1.7-7L2 9.7l7.2-.6z'],
  plus: ['M12 5v14', 'M5 12h14'],
  arrowUp: ['M12 19V5', 'm5 12 7-7 7 7'],
  arrowDown: ['M12 5v14', 'm19 12-7 7-7-7'],
  trash: ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  upload: ['M12 16V4', 'm7 9 5-5 5 5', 'M4 20h16'],
  play: ['M7 4v16l13-8z'],
  stop: ['M6 6h12v12H6z'],
  mic: ['M9 5a3 3 0 0 1 6 0v6a3 3 0 0 1-6 0z', 'M5 11a7 7 0 0 0 14 0', 'M12 18v3', 'M8 21h8'],
  check: ['m5 12 5 5 9-10'],
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'm13 7 4 4'],
  screen: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  tablet: ['M6 2h12v20H6z', 'M11 18h2'],
  clock: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7v5l3 2'],
  pin: ['M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z', 'M12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z'],
  users: [
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z',
    'M2.5 20c0-3.6 2.9-5.5 6.5-5.5s6.5 1.9 6.5 5.5',
    'M16 4.3a3.5 3.5 0 0 1 0 6.4',
    'M18 14.8c2.1.7 3.5 2.4 3.5 5.2',
  ],
  vote: ['M4 13h16v8H4z', 'M8 13V4h8v9', 'm10 8.5 1.5 1.5 3-3'],
  file: ['M6 3h9l4 4v14H6z', 'M15 3v4h4'],
  back: ['M19 12H5', 'm11 6-6 6 6 6'],
  search: ['M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z', 'm20 20-4-4'],
  calendar: ['M4 6h16v15H4z', 'M4 10h16', 'M8 3v5', 'M16 3v5'],
};

export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={label ? undefined : true}
      role={label ? 'img' : undefined}
      aria-label={label}
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
