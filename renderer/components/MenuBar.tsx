import { useEffect, useRef, useState } from 'react';
import { formatShortcut, isEnabled, useCommandList, type CommandGroup } from '../commands/registry';

const ORDER: CommandGroup[] = ['File', 'Edit', 'Go', 'Reader', 'Themes', 'Memos', 'Help'];

/** The application menu, drawn from the command registry (Electron's native menu is off). */
export function MenuBar() {
  const commands = useCommandList();
  const [open, setOpen] = useState<CommandGroup | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const groups = ORDER.filter((g) => commands.some((c) => c.group === g));
  return (
    <div className="menubar" role="menubar" ref={ref}>
      {groups.map((g) => (
        <div key={g} className="menu">
          <button role="menuitem" aria-haspopup="true" aria-expanded={open === g} onClick={() => setOpen(open === g ? null : g)}>
            {g}
          </button>
          {open === g && (
            <ul role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(null)}>
              {commands
                .filter((c) => c.group === g)
                .map((c) => (
                  <li key={c.id} role="none">
                    <button
                      role="menuitem"
                      disabled={!isEnabled(c)}
                      onClick={() => {
                        setOpen(null);
                        void c.run();
                      }}
                    >
                      <span>{c.label}</span>
                      {c.shortcut && <kbd>{formatShortcut(c.shortcut)}</kbd>}
                    </button>
                  </li>
                ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
