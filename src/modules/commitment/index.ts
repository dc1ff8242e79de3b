import { defineModule } from "../module";
import type { StandingService } from "../standing/standing.service";
import { commitmentProfileParts, createCommitmentLoaders } from "./commitment.loaders";
import { CommitmentBreachResolver, CommitmentResolver, EnterpriseCommitmentsResolver } from "./commitment.resolver";
import { CommitmentService } from "./commitment.service";

/** Credit commitments (信用承诺) and their breaches. */
export const commitmentModule = defineModule({
  name: "commitment",
  resolvers: [CommitmentResolver, CommitmentBreachResolver, EnterpriseCommitmentsResolver],
  services: { commitment: ({ db }, { standing }: { standing: StandingService }) => new CommitmentService(db, standing) },
  loaders: ({ db }) => createCommitmentLoaders(db),
  profile: commitmentProfileParts,
});
