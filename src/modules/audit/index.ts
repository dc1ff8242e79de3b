import { defineModule } from "../module";
import { AccessLogResolver, EnterpriseAccessHistoryResolver } from "./access-log.resolver";
import { AccessLogService } from "./access-log.service";

/** The access log (who read which subject, for what purpose) and its verification. */
export const auditModule = defineModule({
  name: "audit",
  resolvers: [AccessLogResolver, EnterpriseAccessHistoryResolver],
  services: { accessLog: ({ db, auditKey }) => new AccessLogService(db, auditKey) },
});
