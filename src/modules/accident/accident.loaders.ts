import type { DataSource } from "typeorm";
import { groupQueryLoader, perArguments } from "../../db/loader";
import { addYears, today } from "../../shared/clock";
import { ACCIDENT_COLUMNS, Accident } from "./accident.types";

export interface AccidentArgs {
  sinceYears: number;
}

export function createAccidentLoaders(db: DataSource) {
  return {
    accidentsSince: perArguments((args: AccidentArgs) =>
      groupQueryLoader<string, Accident>(db, {
        sql: (ids, params) =>
          `SELECT ${ACCIDENT_COLUMNS} FROM accident a WHERE a.enterprise_id = ANY(${ids}) AND a.occurred_on >= ${params.add(addYears(today(), -args.sinceYears))}::date
           ORDER BY a.occurred_on DESC, a.id`,
        // Dates come as text from the driver and as JSON alike; directLoss is selected as text.
        fromRows: (rows) => rows as unknown as Accident[],
        keyOf: (a) => a.enterpriseId,
      }),
    ),
  };
}
