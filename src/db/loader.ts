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

/**
 * A loader seen as one part of a larger statement, its row type erased: the loader's SQL over an
 * SQL array expression of keys, and how to hand it the rows that statement read for those keys
 * (as JSON: `json_agg` of that SQL), so that its resolvers find it primed.
 */
export interface ProfilePart<K = string> {
  sql(keys: string, params: SqlParams): string;
  prime(keys: readonly K[], json: unknown): void;
}

/**
 * Fields of a type (by name) whose rows can come with their parent in one statement: for the
 * field's arguments (defaults applied, as its resolver gets them), the part to fetch, taken from
 * the request's loaders `L`. A helper that throws (arguments its resolver will refuse) means
 * "nothing to fetch ahead": the resolver then runs alone and reports the error.
 */
export type ProfileParts<L> = Record<string, (args: Record<string, unknown>, loaders: L) => ProfilePart>;

export type QueryLoader<K, V, R> = DataLoader<K, R> & { readonly batch: BatchQuery<K, V>; readonly part: ProfilePart<K> };

function runBatch<K, V>(db: DataSource, batch: BatchQuery<K, V>, keys: readonly K[]): Promise<V[]> {
  const params = new SqlParams();
  const sql = batch.sql(params.add(keys), params);
  return preparedQuery(db, sql, params.values).then((rows) => batch.fromRows(rows));
}

/** Rows read as JSON elsewhere (one part of a larger statement) as the loader's values. */
function jsonRows<K, V>(batch: BatchQuery<K, V>, json: unknown): V[] {
  return batch.fromRows((json as Record<string, unknown>[] | null) ?? []);
}

export function rowQueryLoader<K, V>(db: DataSource, batch: BatchQuery<K, V>): QueryLoader<K, V, V | null> {
  const loader = rowLoader((keys) => runBatch(db, batch, keys), batch.keyOf);
  const part: ProfilePart<K> = {
    sql: (keys, params) => batch.sql(keys, params),
    prime: (keys, json) => {
      const byKey = new Map(jsonRows(batch, json).map((row) => [batch.keyOf(row), row]));
      for (const key of keys) loader.prime(key, byKey.get(key) ?? null);
    },
  };
  return Object.assign(loader, { batch, part });
}

export function groupQueryLoader<K, V>(db: DataSource, batch: BatchQuery<K, V>): QueryLoader<K, V, V[]> {
  const loader = groupLoader((keys) => runBatch(db, batch, keys), batch.keyOf);
  const part: ProfilePart<K> = {
    sql: (keys, params) => batch.sql(keys, params),
    prime: (keys, json) => {
      const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
      for (const row of jsonRows(batch, json)) byKey.get(batch.keyOf(row))?.push(row);
      for (const [key, group] of byKey) loader.prime(key, group);
    },
  };
  return Object.assign(loader, { batch, part });
}
