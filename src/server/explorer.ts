import { createHash } from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";

/**
 * The GraphQL explorer (GraphiQL 3) served from the hub's own copy of its files, so that it works
 * on an intranet that blocks CDNs: no script, style or font comes from anywhere but the hub
 * (GraphiQL's fonts are inlined in its stylesheet as data: URLs), and the page's
 * Content-Security-Policy says so to the browser. The key is typed into the page and sent as
 * `Authorization: Bearer …` by the page's own fetcher; it is kept in the tab's sessionStorage only.
 */

interface Asset { body: Buffer; type: string; etag: string }

/** Files of the explorer: URL name → a package and its file (React's UMD builds are not in its "exports", so by folder). */
const PACKAGE_ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  "react.js": { pkg: "react", file: "umd/react.production.min.js", type: "text/javascript" },
  "react-dom.js": { pkg: "react-dom", file: "umd/react-dom.production.min.js", type: "text/javascript" },
  "graphiql.js": { pkg: "graphiql", file: "graphiql.min.js", type: "text/javascript" },
  "graphiql.css": { pkg: "graphiql", file: "graphiql.min.css", type: "text/css" },
};

const ASSET_PREFIX = "/explorer/";

const DEFAULT_QUERY = `# 江苏省安全生产领域信用信息共享平台 · GraphQL
# Paste your agency's API key above (hub_…) and press "Use key"; then run a query (Ctrl-Enter).
query Profile($creditCode: CreditCode!) {
  enterprise(creditCode: $creditCode) {
    name
    creditCode
    creditGrade { grade }
    onBlacklist
  }
}
`;

// The page's own script: the key field, a fetcher that sends it, and GraphiQL's start-up. The
// query and variables may come from the address (?query=…&variables=…), as GraphiQL's own pages do.
const START_SCRIPT = `(function () {
  "use strict";
  var DEFAULT_QUERY = ${JSON.stringify(DEFAULT_QUERY)};
  var params = new URLSearchParams(location.search);
  var keyField = document.getElementById("hub-key");
  keyField.value = sessionStorage.getItem("hub-key") || "";
  function fetcher(key) {
    return function (graphQLParams, options) {
      var headers = Object.assign({ "content-type": "application/json", accept: "application/json" }, (options && options.headers) || {});
      if (key) headers.authorization = "Bearer " + key;
      return fetch("/graphql", { method: "POST", headers: headers, body: JSON.stringify(graphQLParams) }).then(function (r) { return r.json(); });
    };
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  function render() {
    var key = keyField.value.trim();
    root.render(React.createElement(GraphiQL, {
      key: key || "no-key",
      fetcher: fetcher(key),
      defaultQuery: DEFAULT_QUERY,
      query: params.get("query") || undefined,
      variables: params.get("variables") || undefined,
      shouldPersistHeaders: false,
    }));
  }
  document.getElementById("hub-key-form").addEventListener("submit", function (e) {
    e.preventDefault();
    sessionStorage.setItem("hub-key", keyField.value.trim());
    render();
  });
  render();
})();
`;


function page(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>信用信息共享平台 · GraphQL explorer</title>
<link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css">
<link rel="stylesheet" href="${ASSET_PREFIX}explorer.css">
</head>
<body>
<form id="hub-key-form" class="hub-bar">
  <strong>安全生产信用信息共享平台</strong>
  <label for="hub-key">API key</label>
  <input id="hub-key" name="key" type="password" autocomplete="off" spellcheck="false" placeholder="hub_…">
  <button type="submit">Use key</button>
  <span class="hub-hint">Without a key only public fields answer. The key stays in this tab.</span>
</form>
<div id="graphiql">Loading the explorer…</div>
<script src="${ASSET_PREFIX}react.js"></script>
<script src="${ASSET_PREFIX}react-dom.js"></script>
<script src="${ASSET_PREFIX}graphiql.js"></script>
<script src="${ASSET_PREFIX}start.js"></script>
</body>
</html>
`;
}

const STYLE = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.hub-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; background: #123a6b; color: #fff; font-size: 14px; }
.hub-bar input { width: 28em; padding: 3px 6px; }
.hub-hint { opacity: 0.8; font-size: 12px; }
#graphiql { flex: 1; min-height: 0; }
`;

function asset(body: string | Buffer, type: string): Asset {
  const buffer = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return { body: buffer, type: `${type}; charset=utf-8`, etag: `"${createHash("sha256").update(buffer).digest("base64url").slice(0, 27)}"` };
}

// The page allows only the hub's own origin; GraphiQL's inline styles and data: fonts need the two exceptions.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Serves the explorer at `/` and `/graphiql` and its files under `/explorer/`; false when the path is not its. */
export function createExplorer(): (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => boolean {
  let assets: Map<string, Asset> | null = null;
  // Read once, on the first visit: a hub that nobody explores never loads 2 MB of scripts.
  const load = (): Map<string, Asset> => {
    if (assets) return assets;
    const loaded = new Map<string, Asset>();
    for (const [name, { pkg, file, type }] of Object.entries(PACKAGE_ASSETS)) {
      loaded.set(name, asset(fs.readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file)), type));
    }
    loaded.set("start.js", asset(START_SCRIPT, "text/javascript"));
    loaded.set("explorer.css", asset(STYLE, "text/css"));
    loaded.set("", asset(page(), "text/html"));
    return (assets = loaded);
  };
  return (req, res, pathname) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const name = pathname === "/" || pathname === "/graphiql" ? "" : pathname.startsWith(ASSET_PREFIX) ? pathname.slice(ASSET_PREFIX.length) : null;
    if (name === null) return false;
    const found = load().get(name);
    if (!found) return false;
    const headers: http.OutgoingHttpHeaders = {
      "content-type": found.type,
      etag: found.etag,
      "x-content-type-options": "nosniff",
      // The page itself is always revalidated (it is small); its files change only with the hub's version.
      "cache-control": name === "" ? "no-cache" : "public, max-age=86400",
    };
    if (name === "") {
      headers["content-security-policy"] = CSP;
      headers["referrer-policy"] = "no-referrer";
    }
    if (req.headers["if-none-match"] === found.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    headers["content-length"] = found.body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : found.body);
    return true;
  };
}
