// The memo the analyst opened last, so "Cite selection in memo" from the Reader
// knows where to put a citation. Kept in localStorage (per profile, survives reloads).
const LAST_MEMO_KEY = 'quarry.lastMemo';

export function rememberMemo(id: number): void {
  try {
    localStorage.setItem(LAST_MEMO_KEY, String(id));
  } catch {
    /* storage full or disabled: citing will start a new memo */
  }
}

export function lastMemoId(): number | null {
  try {
    const v = Number(localStorage.getItem(LAST_MEMO_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}
