import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";
import { connectionTypes } from "../../shared/pagination";
import { HubEventKind } from "./event.enums";

@ObjectType({ description: "One change someone must act on, appended in the transaction of the change (an outbox)." })
export class HubEvent {
  @Field(() => ID, { description: "Strictly increasing; also the resume cursor (events(after:) and the subscription's after)." })
  id!: string;

  @Field(() => HubEventKind)
  kind!: HubEventKind;

  @Field(() => DateTimeScalar)
  at!: Date;

  enterpriseId!: string | null;
  sanctionTaskId!: string | null;
  objectionId!: string | null;
  tipId!: string | null;

  @Field({ description: "One sentence for a person; the linked records say the rest, through the same shields as a query." })
  summary!: string;
}

export const { Edge: HubEventEdge, Connection: HubEventConnection } = connectionTypes("HubEvent", HubEvent);

export const EVENT_COLUMNS = `e.id::text AS id, e.kind, e.at, e.enterprise_id AS "enterpriseId", e.sanction_task_id AS "sanctionTaskId",
  e.objection_id AS "objectionId", e.tip_id AS "tipId", e.summary`;
