// The one typed API client. Every request of the portal goes through `request()`:
// - the session travels in HttpOnly cookies; unsafe methods echo the `og_csrf` cookie as
//   X-CSRF-Token (double submit, checked by the server);
// - a 401 triggers one silent refresh (POST /api/auth/refresh, shared by concurrent callers) and
//   the request is retried once; if that fails too, `onSessionExpired` sends the user to sign in
//   (and back to the same page afterwards);
// - errors become `ApiError` from the portal envelope {"error": {type, message, error_id, ...}}
//   or Ollama's {"error": "..."}.
// Paths, bodies and answers are typed from the generated OpenAPI types (schema.d.ts).
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
type Method = "get" | "post" | "put" | "patch" | "delete";
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { "application/json": infer J } } ? J : undefined;
type Ok<O> = O extends { responses: infer R }
  ? 200 extends keyof R
    ? JsonOf<R[200]>
    : 201 extends keyof R
      ? JsonOf<R[201]>
      : undefined
  : never;
type BodyOf<O> = O extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type PathsFor<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

export type Query = Record<string, string | number | boolean | null | undefined>;
export interface Options<B = unknown> {
  params?: Record<string, string | number>;
  query?: Query;
  body?: B;
  signal?: AbortSignal;
  /** No refresh and no redirect on 401 (sign-in page, session probe). */
  anonymous?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: unknown = null,
    readonly errorId: string | null = null,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** A network failure (no answer at all). */
  static network(cause: unknown): ApiError {
    const text = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(0, "network_error", `The gateway cannot be reached (${text})`);
  }
}

export const CSRF_COOKIE = "og_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const NO_REFRESH = ["/api/auth/login", "/api/auth/refresh", "/api/auth/register", "/api/auth/logout"];

export const hooks = {
  /** Called once a 401 survived the refresh; the app redirects to sign in. */
  onSessionExpired: (): void => {},
  fetch: (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => fetch(input, init),
};

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function buildUrl(path: string, params?: Options["params"], query?: Query): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const qs = search.toString();
  if (qs) url += `?${qs}`;
  return url;
}

export async function errorFrom(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    /* not JSON */
  }
  const retry = Number(response.headers.get("retry-after")) || null;
  const error = (payload as { error?: unknown } | null)?.error;
  if (error && typeof error === "object") {
    const e = error as { type?: string; message?: string; details?: unknown; error_id?: string };
    return new ApiError(
      response.status,
      e.type ?? "error",
      e.message ?? response.statusText,
      e.details ?? null,
      e.error_id ?? response.headers.get("x-request-id"),
      retry,
    );
  }
  const message = typeof error === "string" ? error : response.statusText || `HTTP ${response.status}`;
  return new ApiError(response.status, "error", message, null, response.headers.get("x-request-id"), retry);
}

let refreshing: Promise<boolean> | null = null;

/** One refresh for every caller that met a 401 at the same time. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const csrf = readCookie(CSRF_COOKIE);
      const response = await hooks.fetch("/api/auth/refresh", {
        method: "POST",
        credentials: "same-origin",
        headers: csrf ? { "X-CSRF-Token": csrf } : {},
      });
      return response.ok;
    } catch {
      return false;
    }
  })().finally(() => (refreshing = null));
  return refreshing;
}

function init(method: string, body: unknown, signal?: AbortSignal): RequestInit {
  const headers: Record<string, string> = { Accept: "application/json" };
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof URLSearchParams) payload = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (UNSAFE.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers["X-CSRF-Token"] = csrf;
  }
  return { method, headers, body: payload, signal, credentials: "same-origin" };
}

/** Send a request (refresh and retry once on 401); resolves to the response when it is OK. */
export async function send(method: string, url: string, options: Options = {}): Promise<Response> {
  const attempt = async () => {
    try {
      return await hooks.fetch(url, init(method, options.body, options.signal));
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
      throw ApiError.network(cause);
    }
  };
  let response = await attempt();
  const path = url.split("?")[0];
  if (response.status === 401 && !options.anonymous && !NO_REFRESH.includes(path)) {
    if (await refreshSession()) response = await attempt();
    if (response.status === 401) {
      hooks.onSessionExpired();
      throw await errorFrom(response);
    }
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

function typed<M extends Method>(method: M) {
  return async <P extends PathsFor<M>>(
    path: P,
    options: Options<BodyOf<Op<P, M>>> = {},
  ): Promise<Ok<Op<P, M>>> => {
    const url = buildUrl(path as string, options.params, options.query);
    return json(await send(method.toUpperCase(), url, options));
  };
}

/** Typed calls: `api.get("/api/auth/me")`, `api.delete("/api/auth/api-keys/{key_id}", {params})`. */
export const api = {
  get: typed("get"),
  post: typed("post"),
  put: typed("put"),
  patch: typed("patch"),
  delete: typed("delete"),
  /** A route not (yet) in the OpenAPI document, typed by the caller. */
  raw: async <T>(method: string, path: string, options: Options = {}): Promise<T> =>
    json(await send(method, buildUrl(path, options.params, options.query), options)),
  /** A streaming call: the open response, whose body the caller reads (lib/stream.ts). */
  stream: (method: string, path: string, options: Options = {}): Promise<Response> =>
    send(method, buildUrl(path, options.params, options.query), options),
};
