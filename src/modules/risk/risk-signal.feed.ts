import type { StandingService } from "../standing/standing.service";
import { creditCodeField, enumField, pastDateField, textField } from "../../shared/field-checks";
import { type FeedSpec, type ImportFeed, type RowError, importFeed } from "../../db/import-feed";
import { RiskSignalType } from "./risk.enums";

interface SignalRow {
  creditCode: string;
  type: RiskSignalType;
  occurredOn: string;
  source: string;
  detail: string | null;
}

const SIGNAL_TYPES = Object.values(RiskSignalType);
const MAX = { source: 100, detail: 2000 } as const;

/** `hub import risk-signals`: signals from other systems that raise an enterprise's risk score. */
export const RISK_SIGNAL_FEED_SPEC: FeedSpec = {
  name: "risk-signals",
  summary: "risk signals from other systems (风险信号: litigation, arrears, …)",
  columns: [
    { name: "credit_code", required: true, description: "the enterprise's unified social credit code (18 characters); it must be registered in the hub" },
    { name: "type", required: true, description: "what kind of signal", values: SIGNAL_TYPES },
    { name: "occurred_on", required: true, description: "the day it happened, not in the future", date: true },
    { name: "source", required: true, description: "the system or authority that reported it", maxLength: MAX.source },
    { name: "detail", required: false, description: "free text, e.g. a case number", maxLength: MAX.detail },
  ],
  notes: [
    "A signal already recorded with the same enterprise, type, occurred_on, source and detail is skipped.",
    "Each imported signal updates the enterprise's risk (signals are no factor of the credit grade).",
  ],
};

export function riskSignalFeed(standing: StandingService): ImportFeed<SignalRow> {
  return importFeed({
    ...RISK_SIGNAL_FEED_SPEC,
    parse: (r) => ({
      creditCode: creditCodeField(r.credit_code),
      type: enumField(r.type, SIGNAL_TYPES, "type"),
      occurredOn: pastDateField(r.occurred_on, "occurred_on"),
      source: textField(r.source, "source", MAX.source)!,
      detail: textField(r.detail, "detail", MAX.detail, false),
    }),
    staging: {
      columns: [
        { name: "credit_code", type: "bpchar" }, { name: "type", type: "text" }, { name: "occurred_on", type: "date" },
        { name: "source", type: "text" }, { name: "detail", type: "text" },
      ],
      values: (r) => [r.creditCode, r.type, r.occurredOn, r.source, r.detail],
    },
    async merge(tx, staged) {
      const errors: RowError[] = await tx.query(
        `SELECT s.line, 'credit_code' AS field, 'No enterprise with credit code ' || s.credit_code || '.' AS message
         FROM ${staged} s WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = s.credit_code) ORDER BY s.line`,
      );
      // The natural key (enterprise, type, day, source, detail) answers a row already present.
      const [{ written, touched }]: { written: number; touched: string[] }[] = await tx.query(
        `WITH inserted AS (
           INSERT INTO risk_signal (enterprise_id, type, occurred_on, source, detail)
           SELECT e.id, s.type, s.occurred_on, s.source, s.detail FROM ${staged} s JOIN enterprise e ON e.credit_code = s.credit_code
           ON CONFLICT DO NOTHING RETURNING enterprise_id)
         SELECT count(*)::int AS written, coalesce(array_agg(DISTINCT enterprise_id::text), '{}') AS touched FROM inserted`,
      );
      // Once for the batch's enterprises; a signal feeds risk, not the grade.
      await standing.recomputeRisk(tx, touched);
      return { written, errors };
    },
  });
}
