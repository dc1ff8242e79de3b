import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { preparedQuery } from "./prepared";

/** One row per key (or null), fetched for a whole batch of keys in one statement. */
function rowLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every row of each key, in the order the statement returned them. */
function groupLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * Loaders whose batch depends on field arguments (roles, page size…): one DataLoader per
 * distinct argument set, so each set is still one statement for every parent in the request.
 */
export function perArguments<A, L>(create: (args: A) => L): (args: A) => L {
  const byArgs = new Map<string, L>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = byArgs.get(key);
    if (!loader) byArgs.set(key, (loader = create(args)));
    return loader;
  };
}

/** Numbered placeholders for a statement assembled from parts: each part adds its own values. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A loader's statement as text over an SQL array expression of keys, so that the same rows, filters
 * and order can be fetched alone (keys = a parameter) or as one part of a larger statement (keys =
 * a subquery): a profile then costs one round trip instead of one per field.
 */
export interface BatchQuery<K, V> {
  sql(keys: string, params: SqlParams): string;
  /** Rows as the driver or as JSON gives them (timestamps as strings, then) to the loader's values. */
  fromRows(rows: Record<string, unknown>[]): V[];
  keyOf(row: V): K;
}

export type QueryLoader<K, V, R> = DataLoader<K, R> & { readonly batch: BatchQuery<K, V>; readonly many: boolean };

function runBatch<K, V>(db: DataSource, batch: BatchQuery<K, V>, keys: readonly K[]): Promise<V[]> {
  const params = new SqlParams();
  const sql = batch.sql(params.add(keys), params);
  return preparedQuery(db, sql, params.values).then((rows) => batch.fromRows(rows));
}

export function rowQueryLoader<K, V>(db: DataSource, batch: BatchQuery<K, V>): QueryLoader<K, V, V | null> {
  return Object.assign(rowLoader((keys) => runBatch(db, batch, keys), batch.keyOf), { batch, many: false });
}

export function groupQueryLoader<K, V>(db: DataSource, batch: BatchQuery<K, V>): QueryLoader<K, V, V[]> {
  return Object.assign(groupLoader((keys) => runBatch(db, batch, keys), batch.keyOf), { batch, many: true });
}

/** Rows fetched elsewhere (one part of a larger statement) handed to the loader as if it had read them. */
export function primeLoader<K, V>(loader: QueryLoader<K, V, V | null> | QueryLoader<K, V, V[]>, keys: readonly K[], json: unknown): void {
  const rows = loader.batch.fromRows((json as Record<string, unknown>[] | null) ?? []);
  if (loader.many) {
    const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) byKey.get(loader.batch.keyOf(row))?.push(row);
    for (const [key, group] of byKey) (loader as DataLoader<K, V[]>).prime(key, group);
  } else {
    const byKey = new Map(rows.map((row) => [loader.batch.keyOf(row), row]));
    for (const key of keys) (loader as DataLoader<K, V | null>).prime(key, byKey.get(key) ?? null);
  }
}
