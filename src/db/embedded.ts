import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded default: PGlite persisted under the data folder, served on a Unix socket inside
 * that folder so that the hub and the CLI reach it through the same `pg` driver as a real server.
 * PGlite must be opened by one process only: the owner holds `hub.lock`; anyone else connects
 * through the owner's socket.
 */
export interface EmbeddedDatabase {
  /** Connection options for the `pg` driver (host is the socket's directory). */
  connection: { host: string; port: number; username: string; database: string };
  /** True when this process opened PGlite (and must close it). */
  owner: boolean;
  close(): Promise<void>;
}

const SOCKET_PORT = 5432;
// sockaddr_un.sun_path is 108 bytes on Linux, including the terminating NUL.
const MAX_SOCKET_PATH = 107;

export async function openEmbedded(
  dataDir: string,
  options: { mayJoin: boolean; maxConnections: number },
): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const socketPath = path.join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
  if (socketPath.length > MAX_SOCKET_PATH) {
    throw new Error(
      `HUB_DATA_DIR path is too long for the embedded database's socket (${socketPath.length} > ${MAX_SOCKET_PATH} characters); choose a shorter folder`,
    );
  }
  const connection = { host: dataDir, port: SOCKET_PORT, username: "postgres", database: "postgres" };

  const lockPath = path.join(dataDir, "hub.lock");
  const holder = lockHolder(lockPath);
  if (holder !== null) {
    if (options.mayJoin && (await socketAnswers(socketPath))) {
      return { connection, owner: false, close: async () => undefined };
    }
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${holder}; stop it or set DATABASE_URL`,
    );
  }
  fs.writeFileSync(lockPath, String(process.pid), { mode: 0o600 });
  if (fs.existsSync(socketPath)) fs.unlinkSync(socketPath); // left by a process that died

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(path.join(dataDir, "pgdata"));
    server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: options.maxConnections });
    await server.start();
    guardClientSockets(server);
  } catch (err) {
    await db?.close().catch(() => undefined);
    fs.rmSync(lockPath, { force: true });
    throw err;
  }
  const [ownedDb, ownedServer] = [db, server];
  return {
    connection,
    owner: true,
    close: async () => {
      await ownedServer.stop();
      await ownedDb.close();
      fs.rmSync(socketPath, { force: true });
      fs.rmSync(lockPath, { force: true });
    },
  };
}

/**
 * The socket server leaves a client socket without an 'error' listener from accepting it until it
 * attaches its handler (a setImmediate later), when it refuses one beyond maxConnections, and after
 * it detaches (it removes every listener). A client resetting in one of those moments (a CLI
 * killed mid-query) raised an unhandled 'error' that ended the hub. Such an error now only closes
 * that socket; while the server's handler is attached, it handles errors itself.
 */
function guardClientSockets(server: PGLiteSocketServer): void {
  const listener = (server as unknown as { server: net.Server | null }).server;
  listener?.prependListener("connection", (socket: net.Socket) => {
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === "error" && socket.listenerCount("error") === 0) {
        socket.destroy();
        return false;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
  });
}

/** The pid holding the lock if that process is alive; a stale lock is removed. */
function lockHolder(lockPath: string): number | null {
  if (!fs.existsSync(lockPath)) return null;
  const pid = Number(fs.readFileSync(lockPath, "utf8").trim());
  // Our own pid counts as a holder: opening PGlite twice, even in one process, corrupts it.
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid;
  fs.rmSync(lockPath, { force: true });
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
