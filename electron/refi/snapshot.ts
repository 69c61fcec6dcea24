// The whole-project shape the REFI-QDA exporter reads and the importer produces.
// Pure data: the store builds it for export and writes it (in one transaction)
// after import. On import, ids are temporary local numbers that only link
// highlights to articles/themes and themes to parents; uids are the real keys.
import type { Article, Theme, Highlight, Memo } from '../../db/types';

export interface ProjectSnapshot {
  name: string;
  articles: Article[];
  themes: Theme[];
  highlights: Highlight[];
  memos: Memo[];
}
