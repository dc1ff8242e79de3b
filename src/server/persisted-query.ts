import { createHash } from "node:crypto";

/**
 * Checks an automatic-persisted-query extension before Apollo reads it. Apollo answers a wrong
 * version or a hash that does not match the query with an error that has no code, which the
 * hub's error mapper (rightly) masks as INTERNAL_SERVER_ERROR; a hash that is no string was
 * looked up as it was. Returns what is wrong (BAD_USER_INPUT at `field`, HTTP 400), or null.
 */
export function persistedQueryProblem(query: unknown, extensions: unknown): { message: string; field: string } | null {
  if (typeof extensions !== "object" || extensions === null) return null;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (persisted === undefined || persisted === null) return null;
  const field = "extensions.persistedQuery";
  if (typeof persisted !== "object") return { message: "persistedQuery must be an object { version: 1, sha256Hash }.", field };
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) return { message: "Only persisted query version 1 is supported.", field: `${field}.version` };
  if (typeof sha256Hash !== "string" || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    return { message: "sha256Hash must be 64 lower-case hexadecimal digits.", field: `${field}.sha256Hash` };
  }
  if (typeof query === "string" && createHash("sha256").update(query).digest("hex") !== sha256Hash) {
    return { message: "sha256Hash is not the SHA-256 of the query sent with it.", field: `${field}.sha256Hash` };
  }
  return null;
}

/** The query and extensions of a request as Apollo will read them: from a JSON body, or from a GET's search. */
export function persistedQueryOf(method: string, body: unknown, search: URLSearchParams): { query: unknown; extensions: unknown } {
  if (method === "GET") {
    const text = search.get("extensions");
    try {
      return { query: search.get("query") ?? undefined, extensions: text ? JSON.parse(text) : undefined };
    } catch {
      // Apollo answers invalid JSON itself (400 BAD_REQUEST).
      return { query: undefined, extensions: undefined };
    }
  }
  const b = typeof body === "object" && body !== null ? (body as { query?: unknown; extensions?: unknown }) : {};
  return { query: b.query, extensions: b.extensions };
}
