import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { badInput } from "./errors";
import { isCalendarDate } from "./scalars/date.scalar";
import { isUuid } from "./uuid";

export const MAX_PAGE_SIZE = 100;

/**
 * SQL: a timestamptz column as an ISO instant to the microsecond, for cursors. A JS Date keeps
 * milliseconds only: a cursor made from one fell before rows of the same millisecond and the
 * next page skipped them.
 */
export const cursorInstant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The Relay cursor connections specification's PageInfo, which client libraries (Relay, Apollo's relayStylePagination) assume. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field({ description: "True when items exist before startCursor (may be false when paging forward, per the specification): the hub's lists page forward only, so false." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the first edge; null when there is none." })
  startCursor!: string | null;
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
    pageInfo: {
      hasNextPage: page.hasNextPage,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      // Forward paging (first/after) only: the specification lets hasPreviousPage be false then.
      hasPreviousPage: false,
      startCursor: edges.length ? edges[0].cursor : null,
    },
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

/**
 * What each position of a cursor holds. Every part is checked before it reaches SQL: a forged
 * cursor whose parts do not parse (a date that is no date, a NUL byte, a number beyond bigint)
 * made PostgreSQL fail the statement, and the client saw INTERNAL_SERVER_ERROR.
 */
const CURSOR_PARTS = {
  date: (v: string) => isCalendarDate(v),
  instant: (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && isCalendarDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
  uuid: isUuid,
  bigint: (v: string) => /^[1-9]\d{0,17}$/.test(v),
  score: (v: string) => /^\d{1,3}(\.\d{1,20})?$/.test(v),
  creditCode: (v: string) => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v),
} satisfies Record<string, (value: string) => boolean>;

export type CursorPart = keyof typeof CURSOR_PARTS;

/**
 * The cursors of one list. Each names its list (`kind`), so that a cursor of another list is
 * refused rather than read as if it were one of this list's (a task's instant taken for a
 * feedback's, a penalty cursor's date cast to a timestamp).
 */
export function cursorCodec(kind: string, parts: readonly CursorPart[]) {
  return {
    encode(values: readonly string[]): string {
      return Buffer.from(JSON.stringify([kind, ...values])).toString("base64url");
    },
    /** The parts of a cursor this codec made; anything else is BAD_USER_INPUT at `after`. */
    decode(cursor: string): string[] {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      } catch {
        decoded = undefined;
      }
      if (
        Array.isArray(decoded) &&
        decoded.length === parts.length + 1 &&
        decoded[0] === kind &&
        parts.every((part, i) => typeof decoded[i + 1] === "string" && CURSOR_PARTS[part](decoded[i + 1]))
      ) {
        return decoded.slice(1) as string[];
      }
      throw badInput("after", "after is not a cursor returned by this list.");
    },
  };
}
