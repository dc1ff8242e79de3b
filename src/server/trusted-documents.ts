import { createHash } from "node:crypto";
import fs from "node:fs";

/**
 * Trusted documents (the GraphQL-over-HTTP persisted documents convention): the operations of
 * the client kit, identified by `sha256:<hex of the document's text>`, in the manifest that
 * GraphQL Code Generator's client preset writes (`persisted-documents.json`: id → text).
 *
 * A client may always send `documentId` instead of the text. With `only` (HUB_TRUSTED_DOCUMENTS=on)
 * nothing else runs: a document sent in full runs only when its text is the manifest's (same
 * hash), so no caller can run an operation the hub's owners did not publish.
 */
export class TrustedDocuments {
  private constructor(
    private readonly byId: ReadonlyMap<string, string>,
    readonly only: boolean,
  ) {}

  /** Reads the manifest; a missing file is an empty manifest unless only trusted documents may run. */
  static load(file: string, only: boolean): TrustedDocuments {
    if (!fs.existsSync(file)) {
      if (only) throw new Error(`HUB_TRUSTED_DOCUMENTS is on but the manifest ${file} does not exist (npm run codegen writes it)`);
      return new TrustedDocuments(new Map(), only);
    }
    const manifest: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new Error(`${file}: a trusted documents manifest is a JSON object of "sha256:<hex>": "<document>"`);
    const byId = new Map<string, string>();
    for (const [id, text] of Object.entries(manifest)) {
      // An entry whose id is not its text's hash would let the manifest say one thing and run another.
      if (typeof text !== "string" || id !== documentIdOf(text)) throw new Error(`${file}: entry ${id} is not the sha256 of its document`);
      byId.set(id, text);
    }
    return new TrustedDocuments(byId, only);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The text to run for a request's documentId and query, or what is wrong with them
   * (HTTP 400 with the code and field).
   */
  resolve(documentId: unknown, query: unknown): { query: string | undefined } | { code: string; field: string; message: string } {
    if (documentId !== undefined && documentId !== null) {
      if (typeof documentId !== "string" || !/^sha256:[0-9a-f]{64}$/.test(documentId)) {
        return { code: "BAD_USER_INPUT", field: "documentId", message: 'documentId must be "sha256:" followed by 64 lower-case hexadecimal digits.' };
      }
      if (query !== undefined && query !== null) return { code: "BAD_USER_INPUT", field: "documentId", message: "Send either documentId or query, not both." };
      const text = this.byId.get(documentId);
      if (text === undefined) return { code: "PERSISTED_QUERY_NOT_FOUND", field: "documentId", message: `No trusted document has the id ${documentId}; regenerate your client kit from this hub's manifest.` };
      return { query: text };
    }
    if (this.only && typeof query === "string" && !this.byId.has(documentIdOf(query))) {
      return {
        code: "PERSISTED_QUERY_NOT_FOUND",
        field: "query",
        message: 'This hub runs only its trusted documents: send { "documentId": "sha256:…" } of an operation in its manifest (the client kit).',
      };
    }
    return { query: typeof query === "string" ? query : undefined };
  }

  /** For the WebSocket transport, which receives full text only. */
  allows(query: string): boolean {
    return !this.only || this.byId.has(documentIdOf(query));
  }
}

/** A document's id: "sha256:" and the hex SHA-256 of its UTF-8 text. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}
