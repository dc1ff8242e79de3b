import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Objection } from "../objection/objection.type";
import { SanctionTask } from "../sanction/sanction-task.type";
import { ArgMaxLength } from "../../shared/max-length";
import { toConnection } from "../../shared/pagination";
import { HubEventKind } from "./event.enums";
import { HubEvent, HubEventConnection } from "./hub-event.type";

@ArgsType()
class EventStreamArgs {
  @Field(() => [HubEventKind], { nullable: true })
  kinds?: HubEventKind[] | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => HubEvent)
export class EventResolver {
  @Subscription(() => HubEvent, {
    name: "events",
    description:
      "The caller's events as they commit (the same addressing as events); with after, first every missed event since that cursor, " +
      "then live ones, with no gap or duplicate between the two. GraphQL over WebSocket at /graphql (graphql-transport-ws), " +
      "the key in connection_init as { authorization: \"Bearer <key>\" }.",
    subscribe: ({ args, context }) => {
      const { kinds, after } = args as EventStreamArgs;
      const ctx = context as RequestContext;
      return ctx.services.events.stream(ctx.actor, kinds ?? null, after ?? null);
    },
  })
  eventStream(@Root() event: HubEvent, @Args() _args: EventStreamArgs): HubEvent {
    return event;
  }

  @ArgMaxLength({ after: 20 })
  @Query(() => HubEventConnection, {
    nullable: true,
    description: "The caller's event feed, oldest first after the cursor (an event id): those addressed to its department in its region; a subject its OBJECTION_* events.",
  })
  async events(
    @Arg("kinds", () => [HubEventKind], { nullable: true }) kinds: HubEventKind[] | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await ctx.services.events.feed(ctx.actor, kinds, after ?? null, first ?? 100));
  }

  // The records an event names are read through the same loaders, row rules and shields as a query.
  @FieldResolver(() => Enterprise, { nullable: true })
  enterprise(@Root() e: HubEvent, @Ctx() ctx: RequestContext): Promise<Enterprise | null> | null {
    return e.enterpriseId ? ctx.loaders.enterpriseById.load(e.enterpriseId) : null;
  }

  @FieldResolver(() => SanctionTask, { nullable: true })
  sanctionTask(@Root() e: HubEvent, @Ctx() ctx: RequestContext): Promise<SanctionTask | null> | null {
    return e.sanctionTaskId ? ctx.loaders.taskById.load(e.sanctionTaskId) : null;
  }

  @FieldResolver(() => Objection, { nullable: true })
  objection(@Root() e: HubEvent, @Ctx() ctx: RequestContext): Promise<Objection | null> | null {
    return e.objectionId ? ctx.loaders.objectionById.load(e.objectionId) : null;
  }
}
