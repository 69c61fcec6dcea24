// Transient messages with an optional action (Undo), shown by <Toasts/>.
import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

let toasts: Toast[] = [];
let nextId = 1;
const subs = new Set<() => void>();
const emit = () => subs.forEach((s) => s());

export function toast(message: string, o: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}): void {
  const t: Toast = { id: nextId++, message, kind: o.kind ?? 'info', action: o.action };
  toasts = [...toasts.slice(-3), t];
  emit();
  setTimeout(() => dismiss(t.id), o.ms ?? (t.kind === 'error' ? 10_000 : 6_000));
}

export function toastError(err: unknown): void {
  toast(err instanceof Error ? err.message : String(err), { kind: 'error' });
}

export function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function useToasts(): Toast[] {
  return useSyncExternalStore(
    (fn) => {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    () => toasts,
  );
}
