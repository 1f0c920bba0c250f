import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, buildUrl, hooks } from "../src/api/client";

type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

describe("api client", () => {
  let calls: Call[];
  let answers: Response[];
  const realFetch = hooks.fetch;
  const realExpired = hooks.onSessionExpired;

  beforeEach(() => {
    calls = [];
    answers = [];
    hooks.fetch = async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      const next = answers.shift();
      if (!next) throw new Error("no answer left");
      return next;
    };
    document.cookie = "og_csrf=tok%2Ben; path=/";
  });

  afterEach(() => {
    hooks.fetch = realFetch;
    hooks.onSessionExpired = realExpired;
    document.cookie = "og_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
  });

  it("sends the CSRF token on unsafe methods only", async () => {
    answers.push(json(200, { id: 1 }), json(201, { id: 2, key: "og-x" }));
    await api.get("/api/auth/me");
    await api.post("/api/auth/api-keys", { body: { name: "k" } });
    const headers = (c: Call) => c.init.headers as Record<string, string>;
    expect(headers(calls[0])["X-CSRF-Token"]).toBeUndefined();
    expect(headers(calls[1])["X-CSRF-Token"]).toBe("tok+en");
    expect(calls[1].init.body).toBe('{"name":"k"}');
  });

  it("refreshes once after a 401 and retries the request once", async () => {
    answers.push(json(401, { error: { type: "unauthorized", message: "expired" } }));
    answers.push(json(200, { access_token: "a" }));
    answers.push(json(200, { id: 7, username: "ann" }));
    const me = await api.get("/api/auth/me");
    expect(me.id).toBe(7);
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/me", "/api/auth/refresh", "/api/auth/me"]);
    expect((calls[1].init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("tok+en");
  });

  it("gives up after one retry and reports the expired session", async () => {
    const expired = vi.fn();
    hooks.onSessionExpired = expired;
    answers.push(json(401, { error: { type: "unauthorized", message: "expired" } }));
    answers.push(json(401, { error: { type: "unauthorized", message: "no refresh" } }));
    await expect(api.get("/api/auth/me")).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(2);
    expect(expired).toHaveBeenCalledOnce();
  });

  it("shares one refresh between concurrent 401s", async () => {
    hooks.fetch = async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      if (String(input) === "/api/auth/refresh") return json(200, {});
      const retried = calls.filter((c) => c.url === String(input)).length > 1;
      return retried ? json(200, { ok: String(input) }) : json(401, { error: { message: "x" } });
    };
    await Promise.all([api.get("/api/auth/me"), api.get("/api/auth/me/settings")]);
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
  });

  it("does not refresh for the login call itself", async () => {
    answers.push(json(401, { error: { type: "unauthorized", message: "invalid credentials" } }));
    await expect(api.post("/api/auth/login", { body: { username: "a", password: "b" } })).rejects.toThrow(
      "invalid credentials",
    );
    expect(calls).toHaveLength(1);
  });

  it("turns the error envelope into an ApiError", async () => {
    answers.push(
      json(
        429,
        { error: { type: "rate_limit_error", message: "slow down", error_id: "r1", details: { n: 1 } } },
        { "retry-after": "12" },
      ),
    );
    const error = await api.get("/api/models").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, type: "rate_limit_error", message: "slow down", errorId: "r1", retryAfter: 12 });
  });

  it("reads Ollama's error shape and network failures", async () => {
    answers.push(json(404, { error: "model not found" }));
    await expect(api.stream("POST", "/api/generate", { body: {} })).rejects.toThrow("model not found");
    hooks.fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(api.get("/api/models")).rejects.toMatchObject({ status: 0, type: "network_error" });
  });

  it("fills path parameters and query strings", () => {
    expect(buildUrl("/api/auth/api-keys/{key_id}", { key_id: 5 })).toBe("/api/auth/api-keys/5");
    expect(buildUrl("/api/chats", undefined, { q: "a b", limit: 5, cursor: undefined })).toBe(
      "/api/chats?q=a+b&limit=5",
    );
  });
});
