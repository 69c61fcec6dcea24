// One registry of user commands. Menus, keyboard shortcuts, the command palette
// (Ctrl+K) and the shortcut sheet all read it, so an action exists once.
import { useEffect, useRef, useSyncExternalStore } from 'react';

export type CommandGroup = 'File' | 'Edit' | 'Go' | 'Reader' | 'Themes' | 'Memos' | 'Help';

export interface Command {
  id: string;
  label: string;
  group: CommandGroup;
  /** e.g. "Mod+K", "Mod+Shift+Z", "J", "Alt+ArrowDown". Mod = Ctrl (Cmd on macOS). */
  shortcut?: string;
  /** Plain-key shortcuts are ignored while typing in a field unless this is set. */
  whileTyping?: boolean;
  enabled?: () => boolean;
  run: () => void | Promise<void>;
}

const registry = new Map<string, { current: Command }>();
const subscribers = new Set<() => void>();
let version = 0;
const notify = () => {
  version++;
  for (const s of subscribers) s();
};

export function allCommands(): Command[] {
  return [...registry.values()].map((r) => r.current);
}

export function isEnabled(c: Command): boolean {
  try {
    return c.enabled ? c.enabled() : true;
  } catch {
    return false;
  }
}

export function runCommand(id: string): boolean {
  const c = registry.get(id)?.current;
  if (!c || !isEnabled(c)) return false;
  void c.run();
  return true;
}

/** Register commands while the calling component is mounted. Later renders update them in place. */
export function useCommands(commands: Command[]): void {
  const refs = useRef(new Map<string, { current: Command }>());
  for (const c of commands) {
    const ref = refs.current.get(c.id);
    if (ref) ref.current = c;
    else refs.current.set(c.id, { current: c });
  }
  const ids = commands.map((c) => c.id).join('|');
  useEffect(() => {
    const mine = commands.map((c) => [c.id, refs.current.get(c.id)!] as const);
    for (const [id, ref] of mine) registry.set(id, ref);
    notify();
    return () => {
      for (const [id, ref] of mine) if (registry.get(id) === ref) registry.delete(id);
      notify();
    };
    // Dependencies deliberately incomplete (react-hooks/exhaustive-deps; the plugin is not installed, so this is a note, not a directive).
  }, [ids]);
}

export function useCommandList(): Command[] {
  useSyncExternalStore(
    (fn) => {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    () => version,
  );
  return allCommands();
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function formatShortcut(s: string): string {
  return s
    .split('+')
    .map((k) => (k === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : k === 'ArrowDown' ? '↓' : k === 'ArrowUp' ? '↑' : k === 'ArrowLeft' ? '←' : k === 'ArrowRight' ? '→' : k))
    .join(isMac ? '' : '+');
}

export function matches(shortcut: string, e: KeyboardEvent): boolean {
  const parts = shortcut.split('+');
  const key = parts[parts.length - 1];
  const mods = new Set(parts.slice(0, -1));
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (mods.has('Mod') !== mod) return false;
  if (mods.has('Shift') !== e.shiftKey && key !== '?') return false;
  if (mods.has('Alt') !== e.altKey) return false;
  if (!isMac && e.metaKey) return false;
  if (key === '?') return e.key === '?';
  // Shift changes e.key for letters and symbols, so letters also match by physical key.
  return e.key.toUpperCase() === key.toUpperCase() || (key.length === 1 && /[A-Z]/i.test(key) && e.code === `Key${key.toUpperCase()}`);
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || !!el.closest?.('.monaco-editor');
}

/** Install the global shortcut handler once (App). */
export function installShortcuts(): () => void {
  const handler = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const typing = typingIn(e.target);
    for (const c of allCommands()) {
      if (!c.shortcut || !matches(c.shortcut, e)) continue;
      const plain = !c.shortcut.includes('Mod') && !c.shortcut.includes('Alt');
      if (typing && plain && !c.whileTyping) continue;
      if (typing && !c.whileTyping && c.shortcut.startsWith('Mod+Z')) continue; // let fields undo their own text
      if (typing && !c.whileTyping && c.shortcut.startsWith('Mod+Shift+Z')) continue;
      if (!isEnabled(c)) continue;
      e.preventDefault();
      void c.run();
      return;
    }
  };
  window.addEventListener('keydown', handler);
  return () => window.removeEventListener('keydown', handler);
}
