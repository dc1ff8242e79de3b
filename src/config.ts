import path from "node:path";
import { z } from "zod";
import { projectRoot } from "./shared/project-root";

/**
 * The only place that reads the environment. Everything else receives a `Config`.
 * Every bad value is reported at once, in one line, and start-up stops.
 */
const onOff = z.enum(["on", "off"]);
const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  // Production-safe unless development is asked for: without NODE_ENV no stack trace, path or
  // PostgreSQL message reaches a client (`npm run dev` sets NODE_ENV=development).
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  PORT: intIn(0, 65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  HUB_DATA_DIR: z.string().min(1).default("./.data"),
  HUB_DEMO_SEED: onOff.default("on"),
  HUB_PUBLIC_ACCESS: onOff.default("on"),
  HUB_PUBLICATION_GENERAL_MONTHS: intIn(1, 120).default(12),
  HUB_PUBLICATION_SERIOUS_MONTHS: intIn(1, 240).default(36),
  // Working days (Mon–Fri) the responsible department has to decide an objection.
  HUB_OBJECTION_WORKING_DAYS: intIn(1, 60).default(10),
  // Days a department has to implement a distributed measure; per measure code in the JSON map.
  HUB_SANCTION_TASK_DAYS: intIn(1, 365).default(30),
  HUB_SANCTION_TASK_DAYS_BY_MEASURE: z
    .string()
    .transform((text, ctx) => {
      try {
        const value = JSON.parse(text);
        if (typeof value !== "object" || value === null || Array.isArray(value) ||
          Object.entries(value).some(([k, v]) => !/^[A-Z][A-Z0-9_]*$/.test(k) || !Number.isInteger(v) || (v as number) < 1 || (v as number) > 365)) {
          throw new Error();
        }
        return value as Record<string, number>;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON object of whole days (1–365) keyed by measure code, e.g. {\"BIDDING_RESTRICTION\": 15}" });
        return z.NEVER;
      }
    })
    .default({}),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DB_POOL_MAX: intIn(1, 200).default(10),
  DB_CONNECT_TIMEOUT_MS: intIn(100, 120_000).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: intIn(100, 3_600_000).default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: intIn(100, 3_600_000).default(30_000),
  SHUTDOWN_GRACE_MS: intIn(0, 120_000).default(10_000),
  SHUTDOWN_DRAIN_MS: intIn(0, 60_000).default(1_000),
  HUB_MAX_BODY_BYTES: intIn(1024, 100 * 1024 * 1024).default(1024 * 1024),
  HUB_JWT_ISSUER: z.string().min(1).optional(),
  HUB_JWT_AUDIENCE: z.string().min(1).default("credit-hub"),
  HUB_JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  HUB_JWT_JWKS_FILE: z.string().min(1).optional(),
  HUB_JWT_ALGORITHM: z.enum(["RS256", "PS256", "ES256", "EdDSA"]).default("RS256"),
  RATE_LIMIT_PER_SECOND: intIn(0, 1_000_000).default(200),
  RATE_LIMIT_BURST: intIn(0, 10_000_000).default(2000),
  // Failed authentications per client address, checked before the key is looked up, so a flood
  // of bad keys cannot become a flood of database lookups (token bucket; 0 turns it off).
  AUTH_FAILURE_RATE_PER_SECOND: z.coerce.number().min(0).max(10_000).default(1),
  AUTH_FAILURE_BURST: intIn(0, 100_000).default(20),
  // API keys' agencies kept per instance (0: off); a revocation reaches every instance at once through NOTIFY, the TTL is the fallback.
  HUB_KEY_CACHE_ENTRIES: intIn(0, 1_000_000).default(10_000),
  HUB_KEY_CACHE_TTL_SECONDS: intIn(1, 3_600).default(10),
  // Slow clients: the whole header block, then the whole request, must arrive within these;
  // idle keep-alive connections close after HTTP_KEEP_ALIVE_TIMEOUT_MS; beyond
  // HTTP_MAX_CONNECTIONS open connections new ones are refused.
  HTTP_HEADERS_TIMEOUT_MS: intIn(1_000, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: intIn(1_000, 3_600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intIn(100, 600_000).default(5_000),
  HTTP_MAX_CONNECTIONS: intIn(1, 1_000_000).default(1_000),
  // Subscriptions (GraphQL over WebSocket): open subscriptions per key on one instance, the
  // largest message a client may send, the idle ping (no pong within as long again: cut), and
  // how often a connection's key is checked again (a revoked key's socket closes within that).
  HUB_WS_MAX_SUBSCRIPTIONS_PER_KEY: intIn(1, 10_000).default(20),
  HUB_WS_MAX_MESSAGE_BYTES: intIn(1024, 10 * 1024 * 1024).default(64 * 1024),
  HUB_WS_PING_SECONDS: intIn(1, 3_600).default(30),
  HUB_WS_AUTH_RECHECK_SECONDS: intIn(1, 3_600).default(5),
  // Webhooks: the hosts (host or host:port, comma-separated) a department may register (none by
  // default); each attempt's time limit; the first retry's wait (doubling to an hour, with
  // jitter) and the window after which a failing webhook is switched off; how often an idle
  // worker looks for due retries; webhooks per agency; whether this instance delivers at all.
  HUB_WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .transform((text) => text.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean))
    .refine((hosts) => hosts.every((h) => /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(h)), "must be host names or host:port, comma-separated")
    .default([]),
  HUB_WEBHOOK_TIMEOUT_MS: intIn(100, 60_000).default(10_000),
  HUB_WEBHOOK_RETRY_BASE_MS: intIn(10, 3_600_000).default(5_000),
  HUB_WEBHOOK_GIVE_UP_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  HUB_WEBHOOK_POLL_MS: intIn(50, 600_000).default(1_000),
  HUB_WEBHOOK_MAX_PER_AGENCY: intIn(1, 1_000).default(10),
  HUB_WEBHOOK_WORKER: onOff.default("on"),
  // The rules of POLICY.md as settings (periods and thresholds). Changing one changes outcomes from
  // now on: writes apply it at once, the scheduled refresh brings grades and risk forward; nothing
  // recorded is rewritten.
  HUB_WATCHLIST_PENALTIES: intIn(1, 100).default(2),
  HUB_WATCHLIST_WINDOW_DAYS: intIn(1, 3650).default(365),
  HUB_WATCHLIST_VALIDITY_MONTHS: intIn(1, 120).default(12),
  HUB_BLACKLIST_VALIDITY_YEARS: intIn(1, 20).default(3),
  HUB_REPAIR_BLACKLIST_DAYS: intIn(0, 3650).default(365),
  HUB_REPAIR_GENERAL_MONTHS: intIn(0, 120).default(3),
  HUB_REPAIR_SERIOUS_MONTHS: intIn(0, 240).default(12),
  HUB_REVIEW_WINDOW_DAYS: intIn(1, 3650).default(365),
  HUB_GRADE_WINDOW_DAYS: intIn(1, 3650).default(365),
  HUB_GRADE_ACCIDENT_YEARS: intIn(1, 20).default(3),
  HUB_GRADE_PENALTIES_FOR_C: intIn(2, 100).default(3),
  HUB_RISK_WINDOW_DAYS: intIn(1, 3650).default(365),
  HUB_LICENCE_PUBLIC_YEARS: intIn(1, 20).default(3),
  // Tip-offs: per client address and hour; routing by category (JSON: category → departments).
  HUB_TIP_RATE_PER_HOUR: intIn(1, 10_000).default(5),
  HUB_TIP_ROUTING: z
    .string()
    .transform((text, ctx) => {
      try {
        const value = JSON.parse(text);
        if (typeof value !== "object" || value === null || Array.isArray(value) ||
          Object.entries(value).some(([k, v]) => !(k in DEFAULT_TIP_ROUTING) || !Array.isArray(v) || v.length === 0 || v.some((d) => typeof d !== "string" || !/^[A-Z][A-Z_]*$/.test(d)))) {
          throw new Error();
        }
        return value as Record<string, string[]>;
      } catch {
        ctx.addIssue({ code: "custom", message: `must be a JSON object of department lists keyed by category (${Object.keys(DEFAULT_TIP_ROUTING).join(", ")})` });
        return z.NEVER;
      }
    })
    .default({}),
  // The period of the implementation report (通报) archived when it closes.
  HUB_REPORT_PERIOD: z.enum(["monthly", "quarterly"]).default("monthly"),
  // Browser frontends on these origins (scheme://host[:port], comma-separated) may call the hub
  // (CORS); none by default. Never "*": an allow-list.
  HUB_CORS_ORIGINS: z
    .string()
    .transform((text) => text.split(",").map((o) => o.trim()).filter(Boolean))
    .refine((origins) => origins.every((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i.test(o)), "must be origins like https://portal.example.gov.cn, comma-separated (no paths, no *)")
    .default([]),
  // GET /metrics (Prometheus): off unless asked for; with a token, only for `Authorization: Bearer <token>`.
  HUB_METRICS: onOff.default("off"),
  HUB_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // OpenTelemetry tracing, with the standard variables: off unless an OTLP endpoint is named
  // (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER=otlp;
  // OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it off. Spans go over OTLP/HTTP.
  OTEL_SDK_DISABLED: z.enum(["true", "false"]).optional(),
  OTEL_TRACES_EXPORTER: z.enum(["otlp", "none"]).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("safety-credit-hub"),
  // Trusted documents: with "on" only the operations of the manifest run (sent by documentId
  // "sha256:<hex>" or in full); the manifest is the one the client kit's code generator writes.
  HUB_TRUSTED_DOCUMENTS: onOff.default("off"),
  HUB_TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  // The GraphQL explorer at / and /graphiql: on unless NODE_ENV=production, where it needs "on".
  HUB_EXPLORER: onOff.optional(),
  HUB_AUDIT_KEY_FILE: z.string().min(1).optional(),
  // The hub's own address as people reach it (no trailing slash): the credit reports' QR codes and
  // verification links point there.
  HUB_PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, "must be an http(s) URL without query or fragment, e.g. https://credit.example.gov.cn")
    .transform((u) => u.replace(/\/+$/, ""))
    .default("http://127.0.0.1:4000"),
  // Credit reports: the Ed25519 private key (PKCS#8 PEM) that signs them (required with
  // NODE_ENV=production; otherwise created under HUB_DATA_DIR on first start), and the CJK font
  // embedded (subset) in every PDF: a TrueType/OpenType file or collection, and the face's
  // PostScript name when it is a collection.
  HUB_CREDIT_REPORT_KEY_FILE: z.string().min(1).optional(),
  HUB_CREDIT_REPORT_FONT_FILE: z.string().min(1).default("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
  HUB_CREDIT_REPORT_FONT_NAME: z.string().min(1).default("NotoSansCJKsc-Regular"),
  HUB_AUDIT_CHECKPOINT_SECONDS: intIn(1, 86_400).default(60),
  HUB_REFRESH_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  HUB_RISK_WEIGHTS: z
    .string()
    .transform((text, ctx) => {
      try {
        const value = JSON.parse(text);
        const entries = Object.entries(value as Record<string, unknown>);
        if (typeof value !== "object" || value === null || entries.some(([k, v]) => !(k in DEFAULT_RISK_WEIGHTS) || typeof v !== "number" || v < 0)) {
          throw new Error();
        }
        return value as Partial<RiskWeights>;
      } catch {
        ctx.addIssue({ code: "custom", message: `must be a JSON object of non-negative numbers keyed by ${Object.keys(DEFAULT_RISK_WEIGHTS).join(", ")}` });
        return z.NEVER;
      }
    })
    .optional(),
  HUB_RISK_THRESHOLDS: z
    .string()
    .regex(/^\d+(\.\d+)?,\d+(\.\d+)?,\d+(\.\d+)?$/, "must be three ascending scores, e.g. 25,50,75")
    .transform((text) => text.split(",").map(Number) as [number, number, number])
    .refine(([a, b, c]) => a < b && b < c && c <= 100, "must be three ascending scores up to 100")
    .default([25, 50, 75]),
}).superRefine((v, ctx) => {
  if (v.HTTP_HEADERS_TIMEOUT_MS > v.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({ code: "custom", path: ["HTTP_HEADERS_TIMEOUT_MS"], message: "must not exceed HTTP_REQUEST_TIMEOUT_MS" });
  }
  // A key the hub made up for itself is no key for several instances or for an auditor: a
  // declared production names one (without NODE_ENV the hub makes one under HUB_DATA_DIR).
  if (v.NODE_ENV === "production" && !v.HUB_AUDIT_KEY_FILE) {
    ctx.addIssue({ code: "custom", path: ["HUB_AUDIT_KEY_FILE"], message: "is required with NODE_ENV=production (the access log's chain key, kept outside the database)" });
  }
  if (v.NODE_ENV === "production" && !v.HUB_CREDIT_REPORT_KEY_FILE) {
    ctx.addIssue({ code: "custom", path: ["HUB_CREDIT_REPORT_KEY_FILE"], message: "is required with NODE_ENV=production (the Ed25519 key that signs credit reports)" });
  }
  const keys = [v.HUB_JWT_PUBLIC_KEY_FILE, v.HUB_JWT_JWKS_FILE].filter(Boolean).length;
  if (v.HUB_JWT_ISSUER && keys !== 1) {
    ctx.addIssue({ code: "custom", path: ["HUB_JWT_ISSUER"], message: "needs exactly one of HUB_JWT_PUBLIC_KEY_FILE and HUB_JWT_JWKS_FILE" });
  }
  if (!v.HUB_JWT_ISSUER && keys > 0) {
    ctx.addIssue({ code: "custom", path: [v.HUB_JWT_JWKS_FILE ? "HUB_JWT_JWKS_FILE" : "HUB_JWT_PUBLIC_KEY_FILE"], message: "needs HUB_JWT_ISSUER" });
  }
});

/** The periods and thresholds POLICY.md names, as configured. */
export interface RuleSettings {
  watchlist: Readonly<{ penalties: number; windowDays: number; validityMonths: number }>;
  blacklistValidityYears: number;
  repair: Readonly<{ blacklistDays: number; generalMonths: number; seriousMonths: number }>;
  reviewWindowDays: number;
  grade: Readonly<{ windowDays: number; accidentYears: number; penaltiesForC: number }>;
  riskWindowDays: number;
  licencePublicYears: number;
}

/**
 * Every rule setting with its variable and meaning: what `rules` lists (GOV) and the README's
 * table names. One entry per period or threshold of POLICY.md.
 */
export const RULE_SETTINGS: readonly { name: string; description: string; value: (c: Config) => unknown }[] = [
  { name: "HUB_WATCHLIST_PENALTIES", description: "penalties within the window that put an enterprise on the watchlist", value: (c) => c.rules.watchlist.penalties },
  { name: "HUB_WATCHLIST_WINDOW_DAYS", description: "the watchlist rule's window, in days back from the newest penalty", value: (c) => c.rules.watchlist.windowDays },
  { name: "HUB_WATCHLIST_VALIDITY_MONTHS", description: "how long a watchlist entry is in force (unless given)", value: (c) => c.rules.watchlist.validityMonths },
  { name: "HUB_BLACKLIST_VALIDITY_YEARS", description: "how long a blacklist entry is in force unless its decision says otherwise", value: (c) => c.rules.blacklistValidityYears },
  { name: "HUB_REPAIR_BLACKLIST_DAYS", description: "days after listing before a blacklist entry may be repaired", value: (c) => c.rules.repair.blacklistDays },
  { name: "HUB_REPAIR_GENERAL_MONTHS", description: "months after its decision before a GENERAL penalty may be repaired", value: (c) => c.rules.repair.generalMonths },
  { name: "HUB_REPAIR_SERIOUS_MONTHS", description: "months after its decision before a SERIOUS penalty may be repaired", value: (c) => c.rules.repair.seriousMonths },
  { name: "HUB_REVIEW_WINDOW_DAYS", description: "credit review: a penalty within this many days is RECENT_PENALTY", value: (c) => c.rules.reviewWindowDays },
  { name: "HUB_GRADE_WINDOW_DAYS", description: "credit grade: window of penalties, breached commitments and ORDINARY accidents", value: (c) => c.rules.grade.windowDays },
  { name: "HUB_GRADE_ACCIDENT_YEARS", description: "credit grade: years a MAJOR (D) or LARGER (C) accident counts", value: (c) => c.rules.grade.accidentYears },
  { name: "HUB_GRADE_PENALTIES_FOR_C", description: "credit grade: penalties within the window that make grade C", value: (c) => c.rules.grade.penaltiesForC },
  { name: "HUB_RISK_WINDOW_DAYS", description: "risk score: window of signals, penalties and tips", value: (c) => c.rules.riskWindowDays },
  { name: "HUB_LICENCE_PUBLIC_YEARS", description: "years a licence is public after its issue (双公示)", value: (c) => c.rules.licencePublicYears },
  { name: "HUB_RISK_WEIGHTS", description: "risk score: weight of each signal", value: (c) => JSON.stringify(c.risk.weights) },
  { name: "HUB_RISK_THRESHOLDS", description: "risk score: MEDIUM, HIGH and SEVERE thresholds", value: (c) => c.risk.thresholds.join(",") },
  { name: "HUB_PUBLICATION_GENERAL_MONTHS", description: "months a GENERAL penalty is public after its decision", value: (c) => c.publication.generalMonths },
  { name: "HUB_PUBLICATION_SERIOUS_MONTHS", description: "months a SERIOUS penalty is public after its decision", value: (c) => c.publication.seriousMonths },
  { name: "HUB_OBJECTION_WORKING_DAYS", description: "working days the responsible department has to decide an objection", value: (c) => c.objectionWorkingDays },
  { name: "HUB_SANCTION_TASK_DAYS", description: "days from distribution to a sanction task's due date", value: (c) => c.sanctionTaskDays.default },
  { name: "HUB_SANCTION_TASK_DAYS_BY_MEASURE", description: "the same, per measure code", value: (c) => JSON.stringify(c.sanctionTaskDays.byMeasure) },
  { name: "HUB_TIP_RATE_PER_HOUR", description: "tip-offs one client address may submit per hour", value: (c) => c.tips.ratePerHour },
  { name: "HUB_TIP_ROUTING", description: "departments each tip-off category is routed to, in the tip's city", value: (c) => JSON.stringify(c.tips.routing) },
  { name: "HUB_REPORT_PERIOD", description: "the period of the archived implementation report", value: (c) => c.reportPeriod },
];

/**
 * Where tip-offs go by hazard category (POLICY.md, Tip-offs): those departments in the tip's city.
 * Department names are checked against the department list when the hub starts (the tip module).
 */
export const DEFAULT_TIP_ROUTING: Readonly<Record<string, readonly string[]>> = {
  FIRE: ["FIRE_RESCUE"],
  HAZARDOUS_CHEMICALS: ["EMERGENCY_MANAGEMENT"],
  MINING: ["EMERGENCY_MANAGEMENT"],
  OCCUPATIONAL_SAFETY: ["EMERGENCY_MANAGEMENT"],
  ILLEGAL_PRODUCTION: ["EMERGENCY_MANAGEMENT"],
  OTHER: ["EMERGENCY_MANAGEMENT"],
  CONSTRUCTION: ["HOUSING_CONSTRUCTION"],
  TRANSPORT: ["TRANSPORT"],
  SPECIAL_EQUIPMENT: ["MARKET_REGULATION"],
};

/** Risk: weight of each signal, penalty and listing over the last 365 days. */
export const DEFAULT_RISK_WEIGHTS = {
  LITIGATION: 8,
  TAX_ARREARS: 12,
  WAGE_ARREARS: 15,
  ENVIRONMENTAL_EXCEEDANCE: 15,
  REGISTRATION_CHANGE: 5,
  RAPID_EXPANSION: 6,
  MARKET_VIOLATION: 10,
  PENALTY: 10,
  WATCHLIST: 15,
  BLACKLIST: 40,
  // A tip-off its handling department found true (POLICY.md: weight 10).
  SUBSTANTIATED_TIP: 10,
};
export type RiskWeights = typeof DEFAULT_RISK_WEIGHTS;

/** Public windows of failing-credit information by severity, in months after the decision. */
export interface PublicationSettings {
  generalMonths: number;
  seriousMonths: number;
}

/** Tracing per the OpenTelemetry variables: the traces endpoint wins; the base endpoint gets /v1/traces. */
function tracingOf(v: { OTEL_SDK_DISABLED?: string; OTEL_TRACES_EXPORTER?: string; OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string; OTEL_SERVICE_NAME: string }): Config["tracing"] {
  if (v.OTEL_SDK_DISABLED === "true" || v.OTEL_TRACES_EXPORTER === "none") return null;
  const base = v.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/$/, "");
  const tracesUrl = v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : v.OTEL_TRACES_EXPORTER === "otlp" ? "http://localhost:4318/v1/traces" : null);
  return tracesUrl ? Object.freeze({ tracesUrl, serviceName: v.OTEL_SERVICE_NAME }) : null;
}

export type Config = Readonly<{
  /** "production" unless NODE_ENV says otherwise: details reach clients only in "development". */
  env: "development" | "production" | "test";
  /**
   * NODE_ENV=production was set on purpose: commands that write made-up data (demo-seed,
   * generate) refuse then, but not on a newcomer's machine where NODE_ENV is simply unset.
   */
  productionDeclared: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoSeed: boolean;
  publicAccess: boolean;
  /** How long the public sees a penalty after its decision, by severity (MINOR: never). */
  publication: PublicationSettings;
  /** Working days (Mon–Fri) from filing to an objection's due date. */
  objectionWorkingDays: number;
  /** Days from distribution to a sanction task's due date: the default, and per measure code. */
  sanctionTaskDays: Readonly<{ default: number; byMeasure: Readonly<Record<string, number>> }>;
  logLevel: string;
  db: Readonly<{
    poolMax: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
  }>;
  shutdownGraceMs: number;
  /** After SIGTERM, how long the listener stays open (readyz 503) before it closes. */
  shutdownDrainMs: number;
  maxBodyBytes: number;
  rateLimit: Readonly<{ perSecond: number; burst: number }>;
  /** Failed authentications allowed per client address (token bucket), checked before any lookup. */
  authFailureLimit: Readonly<{ perSecond: number; burst: number }>;
  /** The per-instance cache of API keys' agencies: its size and how long an entry is trusted should a revocation's announcement be missed. */
  keyCache: Readonly<{ maxEntries: number; ttlMs: number }>;
  http: Readonly<{ headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number }>;
  /** GraphQL over WebSocket (subscriptions). */
  ws: Readonly<{ maxSubscriptionsPerKey: number; maxMessageBytes: number; pingMs: number; authRecheckMs: number }>;
  webhooks: Readonly<{
    allowedHosts: readonly string[];
    timeoutMs: number;
    retryBaseMs: number;
    giveUpMs: number;
    pollMs: number;
    maxPerAgency: number;
    worker: boolean;
  }>;
  /** The periods and thresholds of POLICY.md (see RULE_SETTINGS for their names and meaning). */
  rules: Readonly<RuleSettings>;
  /** Tip-offs: submissions per address and hour, and the routing table (category → departments). */
  tips: Readonly<{ ratePerHour: number; routing: Readonly<Record<string, readonly string[]>> }>;
  /** Each closed period's implementation report is archived once (PublishedReport). */
  reportPeriod: "monthly" | "quarterly";
  /** GET /metrics when on; the bearer token it requires, if any. */
  metrics: Readonly<{ enabled: boolean; token: string | null }>;
  /** OpenTelemetry traces: where spans are sent (OTLP/HTTP), or null when tracing is off. */
  tracing: Readonly<{ tracesUrl: string; serviceName: string }> | null;
  /** Origins whose browser frontends may call the hub (CORS allow-list). */
  corsOrigins: readonly string[];
  /** The trusted documents' manifest (GraphQL Code Generator's persisted-documents.json). */
  trustedDocuments: { file: string; only: boolean };
  /** Serve the GraphQL explorer at / and /graphiql. */
  explorer: boolean;
  /** How often the server brings date-dependent grades and risk up to date; 0 = never. */
  refreshIntervalHours: number;
  /**
   * The access log's chain key: a file outside the database. Unless given (production must give
   * it), `<dataDir>/audit.key`, created on first start.
   */
  audit: Readonly<{ keyFile: string; keyFileGiven: boolean; checkpointSeconds: number }>;
  risk: Readonly<{ weights: RiskWeights; thresholds: readonly [number, number, number] }>;
  /** The hub's address as people reach it, without a trailing slash (credit reports' QR codes and links). */
  publicUrl: string;
  /**
   * Credit reports (专项信用报告): the signing key (Ed25519, PKCS#8 PEM; unless given, which
   * production must, `<dataDir>/credit-report.key`, created on first start) and the CJK font
   * embedded in the PDFs (file, and the face's PostScript name within a collection).
   */
  creditReports: Readonly<{ keyFile: string; keyFileGiven: boolean; fontFile: string; fontName: string }>;
  /** Signed JWTs of the province's identity provider, when configured. */
  jwt: Readonly<{
    issuer: string;
    audience: string;
    publicKeyFile?: string;
    jwksFile?: string;
    algorithm: "RS256" | "PS256" | "ES256" | "EdDSA";
  }> | null;
}>;

export class ConfigError extends Error {}

/** Reads and validates configuration; throws ConfigError with one line naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== "")
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return key in present ? `${key}=${JSON.stringify(present[key])} ${issue.message}` : `${key} ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const v = parsed.data;
  return Object.freeze({
    env: v.NODE_ENV ?? "production",
    productionDeclared: v.NODE_ENV === "production",
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: path.resolve(v.HUB_DATA_DIR),
    demoSeed: v.HUB_DEMO_SEED === "on",
    publicAccess: v.HUB_PUBLIC_ACCESS === "on",
    publication: { generalMonths: v.HUB_PUBLICATION_GENERAL_MONTHS, seriousMonths: v.HUB_PUBLICATION_SERIOUS_MONTHS },
    objectionWorkingDays: v.HUB_OBJECTION_WORKING_DAYS,
    sanctionTaskDays: Object.freeze({ default: v.HUB_SANCTION_TASK_DAYS, byMeasure: Object.freeze(v.HUB_SANCTION_TASK_DAYS_BY_MEASURE) }),
    logLevel: v.LOG_LEVEL,
    db: Object.freeze({
      poolMax: v.DB_POOL_MAX,
      connectTimeoutMs: v.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: v.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    }),
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    shutdownDrainMs: v.SHUTDOWN_DRAIN_MS,
    maxBodyBytes: v.HUB_MAX_BODY_BYTES,
    rateLimit: Object.freeze({ perSecond: v.RATE_LIMIT_PER_SECOND, burst: v.RATE_LIMIT_BURST }),
    authFailureLimit: Object.freeze({ perSecond: v.AUTH_FAILURE_RATE_PER_SECOND, burst: v.AUTH_FAILURE_BURST }),
    keyCache: Object.freeze({ maxEntries: v.HUB_KEY_CACHE_ENTRIES, ttlMs: v.HUB_KEY_CACHE_TTL_SECONDS * 1000 }),
    http: Object.freeze({
      headersTimeoutMs: v.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: v.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: v.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: v.HTTP_MAX_CONNECTIONS,
    }),
    ws: Object.freeze({
      maxSubscriptionsPerKey: v.HUB_WS_MAX_SUBSCRIPTIONS_PER_KEY,
      maxMessageBytes: v.HUB_WS_MAX_MESSAGE_BYTES,
      pingMs: v.HUB_WS_PING_SECONDS * 1_000,
      authRecheckMs: v.HUB_WS_AUTH_RECHECK_SECONDS * 1_000,
    }),
    webhooks: Object.freeze({
      allowedHosts: Object.freeze(v.HUB_WEBHOOK_ALLOWED_HOSTS),
      timeoutMs: v.HUB_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: v.HUB_WEBHOOK_RETRY_BASE_MS,
      giveUpMs: Math.round(v.HUB_WEBHOOK_GIVE_UP_HOURS * 3_600_000),
      pollMs: v.HUB_WEBHOOK_POLL_MS,
      maxPerAgency: v.HUB_WEBHOOK_MAX_PER_AGENCY,
      worker: v.HUB_WEBHOOK_WORKER === "on",
    }),
    rules: Object.freeze({
      watchlist: Object.freeze({ penalties: v.HUB_WATCHLIST_PENALTIES, windowDays: v.HUB_WATCHLIST_WINDOW_DAYS, validityMonths: v.HUB_WATCHLIST_VALIDITY_MONTHS }),
      blacklistValidityYears: v.HUB_BLACKLIST_VALIDITY_YEARS,
      repair: Object.freeze({ blacklistDays: v.HUB_REPAIR_BLACKLIST_DAYS, generalMonths: v.HUB_REPAIR_GENERAL_MONTHS, seriousMonths: v.HUB_REPAIR_SERIOUS_MONTHS }),
      reviewWindowDays: v.HUB_REVIEW_WINDOW_DAYS,
      grade: Object.freeze({ windowDays: v.HUB_GRADE_WINDOW_DAYS, accidentYears: v.HUB_GRADE_ACCIDENT_YEARS, penaltiesForC: v.HUB_GRADE_PENALTIES_FOR_C }),
      riskWindowDays: v.HUB_RISK_WINDOW_DAYS,
      licencePublicYears: v.HUB_LICENCE_PUBLIC_YEARS,
    }),
    tips: Object.freeze({ ratePerHour: v.HUB_TIP_RATE_PER_HOUR, routing: Object.freeze({ ...DEFAULT_TIP_ROUTING, ...v.HUB_TIP_ROUTING }) }),
    reportPeriod: v.HUB_REPORT_PERIOD,
    metrics: Object.freeze({ enabled: v.HUB_METRICS === "on", token: v.HUB_METRICS_TOKEN ?? null }),
    tracing: tracingOf(v),
    corsOrigins: Object.freeze(v.HUB_CORS_ORIGINS.map((o) => o.toLowerCase())),
    trustedDocuments: Object.freeze({
      file: path.resolve(v.HUB_TRUSTED_DOCUMENTS_FILE ?? path.join(projectRoot(), "schema/client/persisted-documents.json")),
      only: v.HUB_TRUSTED_DOCUMENTS === "on",
    }),
    explorer: v.HUB_EXPLORER ? v.HUB_EXPLORER === "on" : v.NODE_ENV !== "production",
    refreshIntervalHours: v.HUB_REFRESH_INTERVAL_HOURS,
    audit: Object.freeze({
      keyFile: path.resolve(v.HUB_AUDIT_KEY_FILE ?? path.join(v.HUB_DATA_DIR, "audit.key")),
      keyFileGiven: v.HUB_AUDIT_KEY_FILE !== undefined,
      checkpointSeconds: v.HUB_AUDIT_CHECKPOINT_SECONDS,
    }),
    publicUrl: v.HUB_PUBLIC_URL,
    creditReports: Object.freeze({
      keyFile: path.resolve(v.HUB_CREDIT_REPORT_KEY_FILE ?? path.join(v.HUB_DATA_DIR, "credit-report.key")),
      keyFileGiven: v.HUB_CREDIT_REPORT_KEY_FILE !== undefined,
      fontFile: path.resolve(v.HUB_CREDIT_REPORT_FONT_FILE),
      fontName: v.HUB_CREDIT_REPORT_FONT_NAME,
    }),
    risk: Object.freeze({ weights: { ...DEFAULT_RISK_WEIGHTS, ...v.HUB_RISK_WEIGHTS }, thresholds: v.HUB_RISK_THRESHOLDS }),
    jwt: v.HUB_JWT_ISSUER
      ? Object.freeze({
          issuer: v.HUB_JWT_ISSUER,
          audience: v.HUB_JWT_AUDIENCE,
          publicKeyFile: v.HUB_JWT_PUBLIC_KEY_FILE && path.resolve(v.HUB_JWT_PUBLIC_KEY_FILE),
          jwksFile: v.HUB_JWT_JWKS_FILE && path.resolve(v.HUB_JWT_JWKS_FILE),
          algorithm: v.HUB_JWT_ALGORITHM,
        })
      : null,
  });
}
