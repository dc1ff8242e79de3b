import type { StandingService } from "../standing/standing.service";
import { creditCodeField, enumField, pastDateField, textField } from "../../shared/field-checks";
import type { ImportFeed } from "../../db/import-feed";
import { RiskSignalType } from "./risk.enums";

interface SignalRow {
  creditCode: string;
  type: RiskSignalType;
  occurredOn: string;
  source: string;
  detail: string | null;
}

/** `hub import risk-signals`: credit_code,type,occurred_on,source,detail */
export function riskSignalFeed(standing: StandingService): ImportFeed<SignalRow> {
  return {
    name: "risk-signals",
    columns: ["credit_code", "type", "occurred_on", "source"],
    parse: (r) => ({
      creditCode: creditCodeField(r.credit_code),
      type: enumField(r.type, Object.values(RiskSignalType), "type"),
      occurredOn: pastDateField(r.occurred_on, "occurred_on"),
      source: textField(r.source, "source", 100)!,
      detail: textField(r.detail, "detail", 2000, false),
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
