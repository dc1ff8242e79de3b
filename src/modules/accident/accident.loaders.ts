import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader, perArguments } from "../../db/loader";
import { addYears, today } from "../../shared/clock";
import { badInput } from "../../shared/errors";
import { ACCIDENT_COLUMNS, Accident } from "./accident.type";

export interface AccidentArgs {
  sinceYears: number;
}

/**
 * The loader arguments of `Enterprise.accidents(sinceYears)`: the resolver's default (5) and its
 * bounds (0–50); a span out of bounds is refused here as the resolver refuses it.
 */
export function accidentArgs(sinceYears: number | null | undefined): AccidentArgs {
  const years = sinceYears ?? 5;
  if (years < 0 || years > 50) throw badInput("sinceYears", "sinceYears must be between 0 and 50.");
  return { sinceYears: years };
}

// An accident found wrong on an upheld objection is void: kept in the table, read and counted by no one.
export function createAccidentLoaders(db: DataSource) {
  return {
    accidentsSince: perArguments((args: AccidentArgs) =>
      groupQueryLoader<string, Accident>(db, {
        sql: (ids, params) =>
          `SELECT ${ACCIDENT_COLUMNS} FROM accident a WHERE a.enterprise_id = ANY(${ids}) AND a.voided_at IS NULL AND a.occurred_on >= ${params.add(addYears(today(), -args.sinceYears))}::date
           ORDER BY a.occurred_on DESC, a.id`,
        // Dates come as text from the driver and as JSON alike; directLoss is selected as text.
        fromRows: (rows) => rows as unknown as Accident[],
        keyOf: (a) => a.enterpriseId,
      }),
    ),
  };
}

export type AccidentLoaders = ReturnType<typeof createAccidentLoaders>;

/** `Enterprise.accidents` can come with its enterprise (enterprise.profile.ts). */
export const accidentProfileParts: ProfileParts<AccidentLoaders> = {
  accidents: (a, l) => l.accidentsSince(accidentArgs(a.sinceYears as number | null)).part,
};
