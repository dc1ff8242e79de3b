import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Penalty } from "../penalty/penalty.entity";
import { CommitmentBreach, CreditCommitment } from "./commitment.type";
import { CommitmentBreachInput, CommitmentInput } from "./commitment.inputs";

@Resolver(() => CreditCommitment)
export class CommitmentResolver {
  @FieldResolver(() => CommitmentBreach, { nullable: true })
  breach(@Root() c: CreditCommitment): CommitmentBreach | null {
    if (!c.breachVerifiedOn) return null;
    return { verifiedOn: c.breachVerifiedOn, department: c.breachDepartment!, description: c.breachDescription!, penaltyId: c.breachPenaltyId };
  }

  @Mutation(() => CreditCommitment, { description: "Records a commitment accepted by the caller's department." })
  recordCommitment(@Arg("input") input: CommitmentInput, @Ctx() ctx: RequestContext): Promise<CreditCommitment> {
    return ctx.services.commitment.recordCommitment(ctx.requireAgency(), input);
  }

  @Mutation(() => CreditCommitment, { description: "Records the verified breach of a commitment the caller's department accepted." })
  recordCommitmentBreach(@Arg("input") input: CommitmentBreachInput, @Ctx() ctx: RequestContext): Promise<CreditCommitment> {
    return ctx.services.commitment.recordCommitmentBreach(ctx.requireAgency(), input);
  }
}

@Resolver(() => CommitmentBreach)
export class CommitmentBreachResolver {
  @FieldResolver(() => Penalty, { nullable: true })
  penalty(@Root() b: CommitmentBreach, @Ctx() ctx: RequestContext): Promise<Penalty | null> | null {
    return b.penaltyId ? ctx.loaders.penaltyById.load(b.penaltyId) : null;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseCommitmentsResolver {
  @FieldResolver(() => [CreditCommitment], { description: "Credit commitments (公示), newest first." })
  commitments(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<CreditCommitment[]> {
    return ctx.loaders.commitmentsByEnterprise.load(e.id);
  }
}
