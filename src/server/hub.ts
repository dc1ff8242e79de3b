import type http from "node:http";
import { execute } from "graphql";
import type { AddressInfo } from "node:net";
import type { Config } from "../config";
import { resolveActor } from "../auth/identity";
import { createJwtVerifier } from "../auth/jwt";
import { applyShield } from "../auth/shield";
import { type Database, openDatabase } from "../db/database";
import { newestMigrationApplied, runMigrations } from "../db/migrate";
import { createServices, entities, type Services } from "../modules";
import { isEmptyDatabase, seedDemoData, type DemoSeedResult } from "../tools/demo/demo-seed.service";
import { DomainError, rateLimited } from "../shared/errors";
import type { Logger } from "../shared/logger";
import { accessLogPlugin, accessRecordOf } from "../modules/audit/access-log.plugin";
import { AccessLogWriter } from "../modules/audit/access-log.writer";
import { loadAuditKey } from "../modules/audit/audit-key";
import { loadCreditReportKey } from "../modules/credit-report/credit-report-key";
import { loadReportFont, type ReportFont } from "../modules/credit-report/credit-report-font";
import { createFormatError, requestError } from "./format-error";
import { attachWebSocket } from "./ws-server";
import { startWebhookDispatcher } from "./webhook-dispatcher";
import type { RequestContext } from "../modules/context";
import { PgListener } from "../db/listener";
import { AGENCY_KEY_CHANNEL } from "../auth/key-cache";
import { EVENT_CHANNEL } from "../modules/event/event.service";
import { CATALOGUE_CHANNEL } from "../modules/sanction/measure-catalogue.service";
import { type Actor, callerKeyOf } from "../auth/actor";
import { buildHubSchema } from "./build-schema";
import { RateLimit } from "./rate-limit";
import { createContext, renewContext } from "./context";
import { createApollo } from "./create-server";
import { createHttpServer, requestFacts } from "./http-server";
import { HubMetrics } from "./metrics";
import { createExplorer } from "./explorer";
import { createPageRunner } from "./pages";
import { PAGE_ROUTES } from "./page-routes";
import { TrustedDocuments } from "./trusted-documents";
import { startTracing } from "./tracing";
import { metricsPlugin } from "./plugins/metrics.plugin";
import { requestFactsPlugin } from "./plugins/request-facts.plugin";
import { cachedReadiness } from "./readiness";

export interface RunningHub {
  url: string;
  database: Database;
  services: Services;
  /** Writes the queued access records now (tests read the log right after a request). */
  flushAccessLog(): Promise<void>;
  /** Signs the access log's chain head now (the hub does so every HUB_AUDIT_CHECKPOINT_SECONDS and on stop). */
  checkpointAccessLog(): Promise<void>;
  /** Set when this start loaded the demo data (first start of an empty embedded database). */
  demo: DemoSeedResult | null;
  /** Stops accepting requests, lets running ones finish (up to the grace period), closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the hub: schema → HTTP listener (probes answer at once) → database → migrations →
 * demo data on a first embedded start → ready.
 */
export async function startHub(
  config: Config,
  logger: Logger,
  // Only the benchmark turns shields or the access log off, to measure what they cost.
  options: { shields?: boolean; accessLog?: boolean } = {},
): Promise<RunningHub> {
  const schema = options.shields === false ? await buildHubSchema() : applyShield(await buildHubSchema());
  const verifyJwt = config.jwt ? await createJwtVerifier(config.jwt) : null;
  // The CJK font of the printed reports (credit reports, the 通报 as PDF): parsed once, at start.
  let reportFont: ReportFont | null = null;
  let database: Database | undefined;
  let accessLog: AccessLogWriter | undefined;
  // Requests are served only once the writer exists (state "ready"); a missing writer is a refusal, never a silent skip.
  const plugins = options.accessLog === false ? [] : [accessLogPlugin((record) => accessLog ? accessLog.append(record) : Promise.reject(new Error("access log not open")))];
  // The WebSocket transport exists only once the HTTP server does; the metric asks it then.
  let subscriptionsOpen = () => 0;
  const metrics = config.metrics.enabled
    ? new HubMetrics({
        pool: () => {
          const pool = (database?.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } } | undefined)?.master;
          return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
        },
        accessLogBacklog: () => accessLog?.backlog ?? 0,
        subscriptions: () => subscriptionsOpen(),
        webhookBacklog: async () => {
          if (!database) return 0;
          const [row] = await database.dataSource.query(
            `SELECT coalesce((SELECT max(id) FROM hub_event), 0) - coalesce((SELECT min(cursor) FROM webhook WHERE active), (SELECT max(id) FROM hub_event), 0) AS n`,
          );
          return Number(row.n);
        },
      })
    : null;
  if (metrics) plugins.push(metricsPlugin(metrics));
  plugins.push(requestFactsPlugin());
  const tracing = startTracing(config.tracing);
  const trustedDocuments = TrustedDocuments.load(config.trustedDocuments.file, config.trustedDocuments.only);
  const apollo = createApollo(schema, config, logger, plugins);
  const rateLimit = new RateLimit(config.rateLimit.perSecond, config.rateLimit.burst);
  const authFailures = new RateLimit(config.authFailureLimit.perSecond, config.authFailureLimit.burst);
  await apollo.start();

  let services: Services | undefined;
  let state: "starting" | "ready" | "stopping" = "starting";

  /** Who is calling (HTTP and WebSocket alike). An address that keeps failing is refused before its next key is even looked up. */
  const authenticate = async (authorization: string | undefined, address: string, recheck: boolean): Promise<Actor> => {
    const blocked = authorization && !recheck ? authFailures.wait(address) : null;
    if (blocked !== null) throw rateLimited(`Too many failed authentications from your address; retry in ${blocked} s.`, blocked);
    try {
      return await resolveActor(authorization, services!.agency, config.publicAccess, verifyJwt, services!.subject);
    } catch (err) {
      if (err instanceof DomainError && !recheck) authFailures.take(address);
      throw err;
    }
  };
  /** What a subscription event or a webhook delivery read goes into the access log, like a request's. */
  const logAccess = async (context: RequestContext, operationName: string | null): Promise<void> => {
    if (options.accessLog === false) return;
    const record = accessRecordOf(context, operationName);
    if (!record) return;
    if (!accessLog) throw new Error("access log not open");
    await accessLog.append(record);
  };
  const formatError = createFormatError(logger, config.env === "development");
  /** Each caller's request rate (an HTTP request, a subscription started). */
  const admit = (actor: Actor, address: string): void => {
    const wait = rateLimit.take(callerKeyOf(actor, address));
    if (wait !== null) throw rateLimited(`Too many requests; retry in ${wait} s.`, wait);
  };
  // The database answers and holds the schema this build migrates to.
  const schemaReady = cachedReadiness(() => newestMigrationApplied(database!.dataSource));

  const server: http.Server = createHttpServer(apollo, {
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    trustedDocuments,
    explorer: config.explorer ? createExplorer() : null,
    pages: {
      routes: PAGE_ROUTES,
      runner: createPageRunner({
        schema,
        authenticate: (authorization, address) => authenticate(authorization, address, false),
        admit,
        context: (actor, address) => createContext(actor, database!.dataSource, services!, address),
        logAccess,
        formatError,
        services: () => services!,
        reportFont: () => reportFont ?? null,
      }),
    },
    tracing,
    logger,
    metrics: metrics && { hub: metrics, token: config.metrics.token },
    limits: config.http,
    // While stopping, requests that still reach the listener are served (and told to close).
    serving: () => state !== "starting",
    stopping: () => state === "stopping",
    readiness: {
      // Not cached: starting and stopping must show at once.
      check: async () => state === "ready" && !!database && schemaReady.check(),
    },
    context: async (req) => {
      const address = req.socket.remoteAddress ?? "unknown";
      try {
        const actor = await authenticate(req.headers.authorization, address, false);
        requestFacts.set(req, { ...requestFacts.get(req), audience: actor.kind === "agency" ? actor.department : actor.kind.toUpperCase(), agencyId: actor.kind === "agency" ? actor.agencyId : null });
        admit(actor, address);
        return createContext(actor, database!.dataSource, services!, address);
      } catch (err) {
        throw requestError(err);
      }
    },
  });
  const ws = attachWebSocket(server, {
    schema,
    logger,
    production: config.env === "production",
    limits: config.ws,
    serving: () => state === "ready",
    authenticate: (authorization, address, recheck) => authenticate(authorization, address, recheck),
    admit,
    context: (actor) => createContext(actor, database!.dataSource, services!),
    renew: (context) => renewContext(context, database!.dataSource),
    logAccess,
    formatError,
    trustedDocuments,
  });
  subscriptionsOpen = () => ws.subscriptions();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;

  let demo: DemoSeedResult | null = null;
  let listener: PgListener | null = null;
  try {
    // Credit reports' signing key and font: a missing or wrong one stops the start here, saying which setting.
    const creditReportKey = loadCreditReportKey(config, { createWith: logger });
    reportFont = loadReportFont(config, (message) => logger.warn(message));
    database = await openDatabase(config, "server", entities);
    const applied = await runMigrations(database.dataSource);
    if (applied.length) logger.info({ applied }, "migrations applied");
    const auditKey = loadAuditKey(config, { createWith: logger });
    services = createServices(database.dataSource, config, {
      auditKey,
      // A credit report reads the enterprise through this same shielded schema, in the issuer's request context.
      creditReports: {
        key: creditReportKey,
        font: reportFont,
        runOperation: async (context, document, variables) => execute({ schema, document, contextValue: context, variableValues: variables }),
      },
    });
    listener = listenForChanges(database, services, logger);
    await listener?.start();
    // The catalogue in force is read once here (after the listener, whose start forgets it), so that no request pays for it.
    await services.measureCatalogue.inForce();
    const writer = new AccessLogWriter(database.dataSource, auditKey, logger, config.audit.checkpointSeconds);
    await writer.start();
    accessLog = writer;
    if (database.mode === "embedded" && config.demoSeed && (await isEmptyDatabase(database.dataSource))) {
      demo = await seedDemoData(database.dataSource, services, { publication: config.publication, objectionWorkingDays: config.objectionWorkingDays });
    }
  } catch (err) {
    await listener?.stop();
    await ws.close();
    await new Promise((r) => server.close(r));
    await apollo.stop();
    await database?.close();
    await tracing.shutdown();
    throw err;
  }
  state = "ready";
  logger.info({ url: `${url}/graphql`, database: database.mode }, "hub ready");
  const stopRefresh = scheduleRefresh(services, config.refreshIntervalHours, logger);
  const webhooks = config.webhooks.worker
    ? startWebhookDispatcher({
        schema, services, settings: config.webhooks, logger, logAccess, formatError, onFailure: () => metrics?.webhookFailure(),
        context: (actor) => createContext(actor, database!.dataSource, services!),
      })
    : null;

  return {
    url,
    database,
    services: services!,
    flushAccessLog: async () => accessLog?.flush(),
    checkpointAccessLog: async () => accessLog?.checkpoint(),
    demo,
    stop: async () => {
      if (state === "stopping") return;
      state = "stopping";
      stopRefresh();
      // /readyz now says 503, so balancers stop sending; requests already on their way still land.
      await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
      // Subscribers are told to go (1001) and reconnect elsewhere with their last id.
      await ws.close();
      await webhooks?.stop();
      await closeServer(server, config.shutdownGraceMs);
      await listener?.stop();
      await apollo.stop();
      // Every record of a request that was answered is written before the database closes.
      await accessLog?.stop();
      await database!.close();
      // The last requests' spans are sent before the process goes.
      await tracing.shutdown();
      logger.info("hub stopped");
    },
  };
}

/**
 * Grades and risk that change only because time passed are brought up to date shortly after
 * start, then checked every hour (or every interval, if shorter): a refresh runs when none has
 * completed today (China Standard Time), within the interval, with the current scoring settings.
 * So a new day is scored within the hour after midnight, not up to a day later; the check costs
 * one statement. Several instances may run it (an advisory lock lets one work).
 */
function scheduleRefresh(services: Services, intervalHours: number, logger: Logger): () => void {
  if (intervalHours <= 0) return () => undefined;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = services.standing.refreshAll({ onlyIfDue: true, maxAgeHours: intervalHours }).then(
      (result) =>
        logger.info(
          { refreshed: result === null ? "skipped: another instance is refreshing" : result.upToDate ? "skipped: done today" : result.enterprises },
          "credit standing refresh",
        ),
      (err) => logger.error({ err }, "credit standing refresh failed"),
    ).then(() => services.sanction.announceOverdue()).then(
      (announced) => announced && logger.info({ announced }, "overdue sanction tasks announced"),
      (err) => logger.error({ err }, "announcing overdue sanction tasks failed"),
    ).then(() => services.publishedReports.publishDue()).then(
      (published) => published.length && logger.info({ periods: published.map((r) => `${r.from}..${r.to}`) }, "implementation reports published"),
      (err) => logger.error({ err }, "publishing the implementation report failed"),
    );
  };
  const first = setTimeout(run, 5_000);
  const every = setInterval(run, Math.min(intervalHours, 1) * 3_600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
    void running;
  };
}

/**
 * The instance's one LISTEN connection, for what any instance or process commits: every commit
 * that appended events wakes this instance's subscribers, and so does the connection's return after it was lost
 * (they read from their last id, so nothing announced meanwhile is missed). A published measure
 * catalogue makes it forget its version in force (also on the connection's return). A changed or
 * revoked API key's agency is forgotten by the key cache, which serves from memory only while the
 * connection is up (what was announced while it was down is lost). The embedded database has no
 * second instance to hear: its subscribers look every second instead, and its key cache is off.
 */
function listenForChanges(database: Database, services: Services, logger: Logger): PgListener | null {
  const keys = services.agency.keys;
  // The embedded database's revocations come also from `hub` commands through its socket, which
  // this instance does not hear: there the key cache stays off (it never starts hearing).
  if (database.mode !== "external") return null;
  const signal = services.events.signal;
  return new PgListener(database.target, [EVENT_CHANNEL, CATALOGUE_CHANNEL, AGENCY_KEY_CHANNEL], {
    notify: (channel, payload) => {
      if (channel === AGENCY_KEY_CHANNEL) keys.forget(payload);
      else if (channel === CATALOGUE_CHANNEL) services.measureCatalogue.forgetVersionInForce();
      else signal.wake();
    },
    connected: () => {
      signal.listening = true;
      keys.setHearing(true);
      services.measureCatalogue.forgetVersionInForce();
      signal.wake();
    },
    lost: (err) => {
      if (signal.listening) logger.warn({ err }, "event listener lost its connection; reconnecting");
      signal.listening = false;
      keys.setHearing(false);
    },
  });
}

/** Stops new connections, waits for in-flight requests up to the grace period, then cuts the rest. */
function closeServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
