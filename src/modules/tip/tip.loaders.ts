import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { rowQueryLoader } from "../../db/loader";
import { readableTips } from "./tip.rules";
import { TIP_COLUMNS, type Tip } from "./tip.type";

export function createTipLoaders(db: DataSource, actor: Actor) {
  return {
    // A tip the caller may not read is null, wherever it is named (an event, a supervision action).
    tipById: rowQueryLoader<string, Tip>(db, {
      sql: (ids, params) => `SELECT ${TIP_COLUMNS} FROM tip t WHERE t.id = ANY(${ids}) AND ${readableTips(actor, params)}`,
      fromRows: (rows) => (rows as unknown as Tip[]).map((t) => ({ ...t, receivedAt: new Date(t.receivedAt) })),
      keyOf: (t) => t.id,
    }),
  };
}
