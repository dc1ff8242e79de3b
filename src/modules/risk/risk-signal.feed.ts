import type { StandingService } from "../standing/standing.service";
import { creditCodeField, enumField, pastDateField, textField } from "../../shared/field-checks";
import type { FeedSpec, ImportFeed } from "../../db/import-feed";
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
    "Each imported signal updates the enterprise's credit grade and risk.",
  ],
};

export function riskSignalFeed(standing: StandingService): ImportFeed<SignalRow> {
  return {
    ...RISK_SIGNAL_FEED_SPEC,
    parse: (r) => ({
      creditCode: creditCodeField(r.credit_code),
      type: enumField(r.type, SIGNAL_TYPES, "type"),
      occurredOn: pastDateField(r.occurred_on, "occurred_on"),
      source: textField(r.source, "source", MAX.source)!,
      detail: textField(r.detail, "detail", MAX.detail, false),
    }),
    async write(tx, rows) {
      const known: { code: string; id: string }[] = await tx.query(
        `SELECT credit_code AS code, id FROM enterprise WHERE credit_code = ANY($1)`,
        [[...new Set(rows.map((r) => r.row.creditCode))]],
      );
      const idOf = new Map(known.map((k) => [k.code, k.id]));
      const errors = rows
        .filter((r) => !idOf.has(r.row.creditCode))
        .map((r) => ({ line: r.line, field: "credit_code", message: `No enterprise with credit code ${r.row.creditCode}.` }));
      const valid = rows.filter((r) => idOf.has(r.row.creditCode));
      const inserted: { enterpriseId: string }[] = valid.length
        ? await tx.query(
            `INSERT INTO risk_signal (enterprise_id, type, occurred_on, source, detail)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[])
             ON CONFLICT DO NOTHING RETURNING enterprise_id AS "enterpriseId"`,
            [valid.map((r) => idOf.get(r.row.creditCode)), valid.map((r) => r.row.type), valid.map((r) => r.row.occurredOn),
              valid.map((r) => r.row.source), valid.map((r) => r.row.detail)],
          )
        : [];
      await standing.recompute(tx, [...new Set(inserted.map((i) => i.enterpriseId))]);
      return { written: inserted.length, errors };
    },
  };
}
