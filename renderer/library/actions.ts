// Library actions that more than one view runs (the Library's list, the Reader).
import { call } from '../api';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';

/** Move articles to the Trash, with an Undo on the toast. */
export async function deleteWithUndo(ids: number[], title?: string): Promise<void> {
  try {
    await call('articles.delete', { ids });
    invalidateScopes(['articles']);
    toast(ids.length === 1 ? `Moved “${title ?? 'article'}” to the Trash.` : `Moved ${ids.length} articles to the Trash.`, {
      action: {
        label: 'Undo',
        run: () =>
          void call('articles.restore', { ids })
            .then(() => invalidateScopes(['articles']))
            .catch(toastError),
      },
    });
  } catch (err) {
    toastError(err);
  }
}
