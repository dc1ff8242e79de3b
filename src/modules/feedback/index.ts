import type { MeasureCatalogueService } from "../sanction/measure-catalogue.service";
import { defineModule } from "../module";
import { FeedbackReportService } from "./feedback-report.service";
import { ReportLinkService } from "./report-link.service";
import { createFeedbackLoaders } from "./feedback.loaders";
import { EnterpriseFeedbackResolver, FeedbackReportResolver, EntryFeedbackResolver, FeedbackResolver, TaskFeedbackResolver } from "./feedback.resolver";
import { FeedbackService } from "./feedback.service";
import type { EventService } from "../event/event.service";
import { PublishedReportResolver } from "./published-report.resolver";
import { PublishedReportService } from "./published-report.service";

/** Feedback on applied sanctions (联合惩戒实施情况反馈) and the periodic report on it (通报), archived per closed period. */
export const feedbackModule = defineModule({
  name: "feedback",
  resolvers: [FeedbackResolver, FeedbackReportResolver, EnterpriseFeedbackResolver, EntryFeedbackResolver, TaskFeedbackResolver, PublishedReportResolver],
  services: {
    feedback: ({ db }, { measureCatalogue }: { measureCatalogue: MeasureCatalogueService }) => new FeedbackService(db, measureCatalogue),
    feedbackReport: ({ db }) => new FeedbackReportService(db),
    reportLinks: ({ auditKey }) => new ReportLinkService(auditKey),
    publishedReports: ({ db, config }, deps: { feedbackReport: FeedbackReportService; events: EventService }) =>
      new PublishedReportService(db, config.reportPeriod, deps.feedbackReport, deps.events),
  },
  loaders: ({ db, actor }) => createFeedbackLoaders(db, actor),
});
