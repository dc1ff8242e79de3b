import { defineModule } from "../module";
import { CreditReportResolver } from "./credit-report.resolver";
import { CreditReportService } from "./credit-report.service";

/** Credit reports (专项信用报告): issued as PDFs, stored, served again, verified by number and code. */
export const creditReportModule = defineModule({
  name: "creditReport",
  resolvers: [CreditReportResolver],
  services: {
    creditReports: ({ db, config, creditReports }) => new CreditReportService(db, { publicUrl: config.publicUrl }, creditReports),
  },
});
