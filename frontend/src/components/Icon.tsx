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
  | 'star';

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
