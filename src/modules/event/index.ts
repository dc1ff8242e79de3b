import { defineModule } from "../module";
import { EventResolver } from "./event.resolver";
import { EventService } from "./event.service";

/** Events (an outbox): what someone must act on, appended with the change, read as a feed. */
export const eventModule = defineModule({
  name: "event",
  resolvers: [EventResolver],
  services: { events: ({ db }) => new EventService(db) },
});
