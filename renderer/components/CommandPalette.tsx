import { useMemo, useState } from 'react';
import { formatShortcut, isEnabled, useCommandList, type Command } from '../commands/registry';
import { fuzzyScore } from '../lib/fuzzy';
import { Dialog } from './Dialog';

export function CommandPalette(props: { onClose: () => void }) {
  const commands = useCommandList();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const list = useMemo(() => {
    const enabled = commands.filter((c) => isEnabled(c) && c.id !== 'app.palette');
    if (!q.trim()) return enabled.sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label));
    return enabled
      .map((c) => ({ c, s: fuzzyScore(q, `${c.group} ${c.label}`) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.c);
  }, [commands, q]);
  const run = (c: Command | undefined) => {
    if (!c) return;
    props.onClose();
    setTimeout(() => void c.run(), 0);
  };
  return (
    <Dialog title="Command palette" onClose={props.onClose}>
      <input
        autoFocus
        className="palette-input"
        placeholder="Type a command…"
        aria-label="Command"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, list.length - 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          if (e.key === 'Enter') { e.preventDefault(); run(list[active]); }
        }}
      />
      <ul className="palette-list" role="listbox" aria-label="Commands">
        {list.map((c, i) => (
          <li key={c.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => run(c)}>
            <span className="group">{c.group}</span> {c.label}
            {c.shortcut && <kbd>{formatShortcut(c.shortcut)}</kbd>}
          </li>
        ))}
        {list.length === 0 && <li className="muted">No command matches.</li>}
      </ul>
    </Dialog>
  );
}

export function ShortcutSheet(props: { onClose: () => void }) {
  const commands = useCommandList().filter((c) => c.shortcut);
  const groups = [...new Set(commands.map((c) => c.group))].sort();
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onClose} wide>
      <div className="shortcut-sheet">
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl>
              {commands
                .filter((c) => c.group === g)
                .map((c) => (
                  <div key={c.id}>
                    <dt>
                      <kbd>{formatShortcut(c.shortcut!)}</kbd>
                    </dt>
                    <dd>{c.label}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
