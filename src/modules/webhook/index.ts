import type { EventService } from "../event/event.service";
import { defineModule } from "../module";
import { WebhookResolver } from "./webhook.resolver";
import { WebhookService } from "./webhook.service";

/** Webhooks: a department's system gets its events POSTed, signed (Standard Webhooks). */
export const webhookModule = defineModule({
  name: "webhook",
  resolvers: [WebhookResolver],
  services: {
    webhook: ({ db, config, auditKey }, deps: { events: EventService }) => new WebhookService(db, config.webhooks, auditKey, deps.events),
  },
});
