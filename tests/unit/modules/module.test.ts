import { type HubModule, type ModuleEnv, buildServices, defineModule, mergeLoaders } from "../../../src/modules/module";
import { MODULES, createServices } from "../../../src/modules";
import { loadConfig } from "../../../src/config";
import type { DataSource } from "typeorm";

const env = { db: {} as DataSource, config: {} as ModuleEnv["config"], auditKey: null, creditReports: null };
const as = (modules: unknown[]) => modules as HubModule[];

class Clock {
  readonly at = "now";
}
class Scheduler {
  constructor(readonly clock: Clock) {}
}

describe("module registry", () => {
  it("builds a service whose dependency is provided by a module listed after it", () => {
    const scheduling = defineModule({ name: "scheduling", resolvers: [], services: { scheduler: (_e, { clock }: { clock: Clock }) => new Scheduler(clock) } });
    const clock = defineModule({ name: "clock", resolvers: [], services: { clock: () => new Clock() } });
    const services = buildServices(as([scheduling, clock]), env) as { scheduler: Scheduler; clock: Clock };
    expect(services.scheduler.clock).toBe(services.clock);
  });

  it("builds each service once, however many services need it", () => {
    let built = 0;
    const modules = as([
      defineModule({ name: "a", resolvers: [], services: { clock: () => (built++, new Clock()) } }),
      defineModule({ name: "b", resolvers: [], services: { one: (_e, { clock }: { clock: Clock }) => clock, two: (_e, { clock }: { clock: Clock }) => clock } }),
    ]);
    const services = buildServices(modules, env);
    expect(built).toBe(1);
    expect(services.one).toBe(services.two);
  });

  it("refuses at start a service provided twice, one nobody provides, and services that need each other", () => {
    const clock = defineModule({ name: "clock", resolvers: [], services: { clock: () => new Clock() } });
    const again = defineModule({ name: "again", resolvers: [], services: { clock: () => new Clock() } });
    expect(() => buildServices(as([clock, again]), env)).toThrow('The service "clock" is provided twice (modules clock and again).');

    const needy = defineModule({ name: "needy", resolvers: [], services: { scheduler: (_e, { clock: c }: { clock: Clock }) => new Scheduler(c) } });
    expect(() => buildServices(as([needy]), env)).toThrow('No module provides the service "clock" (needed by scheduler).');

    const loop = defineModule({
      name: "loop",
      resolvers: [],
      services: { a: (_e, { b }: { b: unknown }) => ({ b }), b: (_e, { a }: { a: unknown }) => ({ a }) },
    });
    expect(() => buildServices(as([loop]), env)).toThrow("Services need each other: a → b → a.");
  });

  it("refuses two modules that name the same loader", () => {
    const one = defineModule({ name: "one", resolvers: [], loaders: () => ({ byId: 1 }) });
    const two = defineModule({ name: "two", resolvers: [], loaders: () => ({ byId: 2 }) });
    expect(() => mergeLoaders(as([one, two]))({ db: env.db, actor: { kind: "public" }, audit: {} as never })).toThrow(
      'The loader "byId" is provided twice (module two).',
    );
  });

  it("builds a module's loaders for a request only when the request first uses one, once, and never shares them", () => {
    let builds = 0;
    const counted = defineModule({ name: "counted", resolvers: [], loaders: () => (builds++, { byId: { built: builds }, byCode: {} }) });
    const other = defineModule({ name: "other", resolvers: [], loaders: () => ({ byName: {} }) });
    const make = mergeLoaders(as([counted, other]));
    const request = { db: env.db, actor: { kind: "public" as const }, audit: {} as never };
    make(request); // the first request learns the names (and builds every module once)
    builds = 0;
    const second = make(request);
    const third = make(request);
    expect(builds).toBe(0);
    void second.byName;
    expect(builds).toBe(0);
    const a = second.byId;
    expect(second.byCode).toBeDefined();
    expect(second.byId).toBe(a);
    expect(builds).toBe(1);
    expect(third.byId).not.toBe(a);
    expect(builds).toBe(2);
  });

  it("builds the hub's own modules: every service once, no loader or profile part named twice", () => {
    const services = createServices({} as DataSource, loadConfig({ HUB_DEMO_SEED: "off" }));
    expect(Object.keys(services).sort()).toEqual(MODULES.flatMap((m) => Object.keys((m as HubModule).services ?? {})).sort());
    const loaders = mergeLoaders(as([...MODULES]))({ db: {} as DataSource, actor: { kind: "public" }, audit: {} as never });
    const names: string[] = [];
    for (const name in loaders) names.push(name);
    expect(names.length).toBeGreaterThan(20);
    const parts = MODULES.flatMap((m) => Object.keys((m as HubModule).profile ?? {}));
    expect(new Set(parts).size).toBe(parts.length);
  });
});
