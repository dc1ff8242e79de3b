import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { groupQueryLoader, rowQueryLoader } from "../../db/loader";
import { today } from "../../shared/clock";
import { type KeySupervisionTarget, keySupervisionActive, targetColumns } from "./key-supervision-target.type";
import { ACTION_COLUMNS, type SupervisionAction } from "./supervision-action.type";
import { readableActions } from "./supervision.rules";

const revive = (rows: Record<string, unknown>[]) =>
  (rows as unknown as SupervisionAction[]).map((a) => ({ ...a, acknowledgedAt: a.acknowledgedAt === null ? null : new Date(a.acknowledgedAt) }));

export function createSupervisionLoaders(db: DataSource, actor: Actor) {
  const now = today();
  return {
    supervisionActionsByEnterprise: groupQueryLoader<string, SupervisionAction>(db, {
      sql: (ids, params) => `SELECT ${ACTION_COLUMNS} FROM supervision_action s WHERE s.enterprise_id = ANY(${ids}) AND ${readableActions(actor, params)}
        ORDER BY s.created_at, s.id`,
      fromRows: revive,
      keyOf: (a) => a.enterpriseId,
    }),
    warningsByWatchlistEntry: groupQueryLoader<string, SupervisionAction>(db, {
      sql: (ids, params) => `SELECT ${ACTION_COLUMNS} FROM supervision_action s
        WHERE s.watchlist_entry_id = ANY(${ids}) AND s.kind = 'WARNING_NOTICE' AND ${readableActions(actor, params)} ORDER BY s.created_at, s.id`,
      fromRows: revive,
      keyOf: (a) => a.watchlistEntryId!,
    }),
    keySupervisionByEnterprise: rowQueryLoader<string, KeySupervisionTarget>(db, {
      sql: (ids, params) => `SELECT ${targetColumns(params.add(now))} FROM key_supervision_target k
        WHERE k.enterprise_id = ANY(${ids}) AND ${keySupervisionActive("k", params.add(now))}`,
      fromRows: (rows) => rows as unknown as KeySupervisionTarget[],
      keyOf: (k) => k.enterpriseId,
    }),
  };
}
