// The admin console's sections: path segment, title, the permission that shows it, and the
// lazily loaded page. AdminPage.svelte renders the one in the URL (/ui/admin/<section>).
import type { Component } from "svelte";

export interface Section {
  name: string;
  title: string;
  permission: string;
  load: () => Promise<{ default: Component }>;
}

export const SECTIONS: Section[] = [
  { name: "users", title: "Users", permission: "admin:users", load: () => import("./UsersAdmin.svelte") },
  { name: "keys", title: "API keys", permission: "admin:keys", load: () => import("./KeysAdmin.svelte") },
  { name: "logs", title: "Request log", permission: "admin:logs", load: () => import("./LogsAdmin.svelte") },
  { name: "audit", title: "Audit log", permission: "admin:logs", load: () => import("./AuditAdmin.svelte") },
  { name: "telemetry", title: "Telemetry", permission: "admin:logs", load: () => import("./TelemetryAdmin.svelte") },
  { name: "models", title: "Models", permission: "admin:system", load: () => import("./ModelsAdmin.svelte") },
  { name: "upstreams", title: "Upstreams", permission: "admin:system", load: () => import("./UpstreamsAdmin.svelte") },
  { name: "settings", title: "Settings", permission: "admin:system", load: () => import("./SettingsAdmin.svelte") },
  { name: "query", title: "Query", permission: "admin:system", load: () => import("./QueryAdmin.svelte") },
];

export const when = (iso: string | null | undefined, never = "never"): string =>
  iso ? new Date(iso).toLocaleString() : never;

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "–";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/** A datetime-local input's value as ISO 8601 (UTC), or undefined when empty. */
export function iso(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

/** An integer from a number input, or null when empty. */
export function int(value: string | number | null | undefined): number | null {
  if (value === "" || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}
