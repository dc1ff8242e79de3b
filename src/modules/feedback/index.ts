import { defineModule } from "../module";
import { FeedbackReportService } from "./feedback-report.service";
import { createFeedbackLoaders } from "./feedback.loaders";
import { EnterpriseFeedbackResolver, EntryFeedbackResolver, FeedbackResolver, TaskFeedbackResolver } from "./feedback.resolver";
import { FeedbackService } from "./feedback.service";

/** Feedback on applied sanctions (联合惩戒实施情况反馈) and the periodic report on it (通报). */
export const feedbackModule = defineModule({
  name: "feedback",
  resolvers: [FeedbackResolver, EnterpriseFeedbackResolver, EntryFeedbackResolver, TaskFeedbackResolver],
  services: {
    feedback: ({ db }) => new FeedbackService(db),
    feedbackReport: ({ db }) => new FeedbackReportService(db),
  },
  loaders: ({ db, actor }) => createFeedbackLoaders(db, actor),
});
