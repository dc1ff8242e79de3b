import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";
import { HubEventKind } from "../event/event.enums";

@ObjectType({ description: "One attempt to deliver one event to a webhook." })
export class WebhookDelivery {
  @Field(() => ID)
  eventId!: string;

  @Field(() => Int, { description: "1 for the first attempt at this event, then counting up while it fails." })
  attempt!: number;

  @Field(() => Int, { nullable: true, description: "HTTP status the receiver answered; null when it could not be reached." })
  status!: number | null;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { nullable: true, description: "Why the attempt failed, in a sentence; null when it succeeded." })
  error!: string | null;
}

@ObjectType({
  description:
    "A department's endpoint for its events: each is POSTed as JSON signed per Standard Webhooks (webhook-id, webhook-timestamp, " +
    "webhook-signature), at least once, in event order, retried with exponential backoff and jitter for 24 h, then switched off " +
    "(active: false) with a WEBHOOK_DEACTIVATED event to the owner.",
})
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [HubEventKind])
  kinds!: HubEventKind[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field({ description: "False once removed, or switched off after failing for the whole retry window." })
  active!: boolean;

  agencyId!: string;
}

@ObjectType({ description: "The signing secret is shown once, here." })
export class WebhookRegistration {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field({ description: "The Standard Webhooks secret (whsec_…): verify each delivery's webhook-signature with it. Not shown again." })
  secret!: string;
}

export const WEBHOOK_COLUMNS = `w.id, w.url, w.kinds, w.created_at AS "createdAt", w.active, w.agency_id AS "agencyId"`;
