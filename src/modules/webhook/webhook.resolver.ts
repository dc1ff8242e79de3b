import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { ArgMaxLength } from "../../shared/max-length";
import { HubEventKind } from "../event/event.enums";
import { Webhook, WebhookDelivery, WebhookRegistration } from "./webhook.type";

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { nullable: true, description: "The calling agency's webhooks (departments only)." })
  webhooks(@Ctx() ctx: RequestContext): Promise<Webhook[]> {
    return ctx.services.webhook.list(ctx.requireAgency());
  }

  @ArgMaxLength({ url: 2_000 })
  @Mutation(() => WebhookRegistration, {
    description:
      "Registers the calling department's endpoint for its events of the given kinds, from the next event on. Only hosts the hub's " +
      "operators allow (HUB_WEBHOOK_ALLOWED_HOSTS) may be named. The secret is shown once, in the answer.",
  })
  registerWebhook(
    @Arg("url") url: string,
    @Arg("kinds", () => [HubEventKind]) kinds: HubEventKind[],
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookRegistration> {
    return ctx.services.webhook.register(ctx.requireAgency(), url, kinds);
  }

  @Mutation(() => Webhook, { description: "Stops deliveries to one of the calling agency's webhooks; its delivery log stays." })
  removeWebhook(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Webhook> {
    return ctx.services.webhook.remove(ctx.requireAgency(), id);
  }

  @FieldResolver(() => [WebhookDelivery], { description: "The latest delivery attempts, newest first (at most 100)." })
  deliveries(@Root() webhook: Webhook, @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null, @Ctx() ctx: RequestContext): Promise<WebhookDelivery[]> {
    return ctx.services.webhook.deliveries(webhook.id, first ?? 20);
  }
}
