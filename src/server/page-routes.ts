import { creditReportFileRoute, creditReportKeyRoute, creditReportVerifyRoute } from "./credit-report.routes";
import { feedbackReportPage } from "./feedback-report.routes";
import type { PageRoute } from "./pages";

/** The hub's server-rendered pages, tried in order (each answers only its own paths). */
export const PAGE_ROUTES: readonly PageRoute[] = [feedbackReportPage, creditReportFileRoute, creditReportVerifyRoute, creditReportKeyRoute];
