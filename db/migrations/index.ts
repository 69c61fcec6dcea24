// Numbered, append-only migrations. Each entry is applied once, in order, inside
// one transaction together with the `user_version` bump. Never edit a shipped
// migration: add a new one.
import m0001 from './0001-initial.sql';
import m0002 from './0002-memo-versions.sql';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 1, name: 'initial', sql: m0001 },
  { version: 2, name: 'memo-versions', sql: m0002 },
];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
