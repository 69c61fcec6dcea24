// Types for scripts/schema-snapshot.mjs (plain Node, used by the migration tests).
import type Database from 'better-sqlite3';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

export interface ColumnSchema {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  pk: number;
  /** 0 ordinary, 1 hidden (virtual tables), 2/3 generated. */
  hidden: number;
}

export interface ForeignKeySchema {
  table: string;
  from: string[];
  to: (string | null)[];
  onUpdate: string;
  onDelete: string;
}

export interface TableSchema {
  name: string;
  virtual: boolean;
  strict: boolean;
  withoutRowid: boolean;
  columns: ColumnSchema[];
  foreignKeys: ForeignKeySchema[];
  sql: string;
}

export interface IndexSchema {
  name: string;
  table: string;
  unique: boolean;
  origin: 'c' | 'u' | 'pk';
  partial: boolean;
  columns: { name: string | null; desc: boolean; collation: string }[];
  sql: string | null;
}

export interface Schema {
  version: number;
  tables: TableSchema[];
  indexes: IndexSchema[];
  triggers: { name: string; table: string; sql: string }[];
  views: { name: string; sql: string }[];
}

export const MIGRATIONS_DIR: string;
export const SNAPSHOT_PATH: string;
export function readMigrationFiles(dir?: string): MigrationFile[];
export function applyMigrations(db: Database.Database, migrations: readonly { version: number; sql: string }[], to: number): void;
export function readSchema(db: Database.Database): Schema;
export function schemaAtVersion(migrations: readonly { version: number; sql: string }[], to: number): Schema;
export function formatSnapshot(schema: Schema): string;
