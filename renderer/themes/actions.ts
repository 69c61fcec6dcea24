// Theme actions that more than one view runs (the Themes view, the theme detail pane).
import type { Theme } from '../../electron/api/contract';
import { call } from '../api';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';

/** Delete a theme after saying what goes with it; false when the user declined or it failed. */
export async function deleteThemeWithConfirm(t: Theme): Promise<boolean> {
  try {
    const usage = await call('themes.usage', { id: t.id });
    if (usage.highlights > 0 || usage.subThemes > 0) {
      const parts = [usage.highlights ? `${usage.highlights} highlight${usage.highlights === 1 ? '' : 's'} use it` : '', usage.subThemes ? `${usage.subThemes} sub-theme${usage.subThemes === 1 ? '' : 's'} go with it` : '']
        .filter(Boolean)
        .join(' and ');
      if (!window.confirm(`Delete the theme “${t.name}”? ${parts}. The passages keep their text and other themes; you can restore the theme from the Trash or undo.`)) return false;
    }
    await call('themes.delete', { id: t.id });
    invalidateScopes(['themes']);
    toast(`Theme “${t.name}” moved to the Trash.`, {
      action: { label: 'Undo', run: () => void call('themes.restore', { id: t.id }).then(() => invalidateScopes(['themes'])).catch(toastError) },
    });
    return true;
  } catch (err) {
    toastError(err);
    return false;
  }
}
