import DataLoader from "dataloader";

/** One row per key (or null), fetched for a whole batch of keys in one statement. */
export function rowLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every row of each key, in the order the statement returned them. */
export function groupLoader<K, V>(
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
