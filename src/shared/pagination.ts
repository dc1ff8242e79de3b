import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { badInput } from "./errors";

export const MAX_PAGE_SIZE = 100;

/**
 * SQL: a timestamptz column as an ISO instant to the microsecond, for cursors. A JS Date keeps
 * milliseconds only: a cursor made from one fell before rows of the same millisecond and the
 * next page skipped them.
 */
export const cursorInstant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  /** Counted only when the client asks for totalCount. */
  totalCount: () => Promise<number> | number;
  cursorOf: (node: T) => string;
}

/** Builds the `XEdge` and `XConnection` types of the contract for a node type. */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return { Edge, Connection };
}

/** The object a connection field resolves to. */
export function toConnection<T>(page: Page<T>) {
  const edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    // A getter, so that the count runs only when the client selects totalCount.
    get totalCount() {
      return page.totalCount();
    },
  };
}

export function checkFirst(first: number, max = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput("first", `first must be between 0 and ${max}; got ${first}.`);
  }
  return first;
}

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** Decodes a cursor made by encodeCursor with the given arity; a forged one is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === "string")) {
      return parts as string[];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput("after", "after is not a cursor returned by this list.");
}
