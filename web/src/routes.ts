// The page table: path pattern, title, the permission that shows it (null: any signed-in user),
// and the lazily loaded component (each page is its own chunk).
import type { Component } from "svelte";

export interface PageDef {
  name: string;
  path: string;
  title: string;
  permission: string | null;
  nav: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pages take `params` or nothing
  load: () => Promise<{ default: Component<any> }>;
}

export const PAGES: PageDef[] = [
  { name: "chat", path: "/chat/:id?", title: "Chat", permission: "chats:read", nav: true, load: () => import("./pages/chat/ChatPage.svelte") },
  { name: "dashboard", path: "/dashboard", title: "Dashboard", permission: null, nav: true, load: () => import("./pages/DashboardPage.svelte") },
  { name: "generate", path: "/generate", title: "Generate", permission: "generate", nav: true, load: () => import("./pages/GeneratePage.svelte") },
  { name: "models", path: "/models", title: "Models", permission: "models:view", nav: true, load: () => import("./pages/ModelsPage.svelte") },
  { name: "keys", path: "/keys", title: "API keys", permission: "api_keys", nav: true, load: () => import("./pages/KeysPage.svelte") },
  { name: "usage", path: "/usage", title: "Usage", permission: "usage:read", nav: true, load: () => import("./pages/UsagePage.svelte") },
  { name: "settings", path: "/settings", title: "Settings", permission: null, nav: true, load: () => import("./pages/SettingsPage.svelte") },
  { name: "admin", path: "/admin/:section?", title: "Admin", permission: "admin:users", nav: true, load: () => import("./pages/admin/AdminPage.svelte") },
];

export const PUBLIC_PAGES: PageDef[] = [
  { name: "login", path: "/login", title: "Sign in", permission: null, nav: false, load: () => import("./pages/LoginPage.svelte") },
  { name: "register", path: "/register", title: "Create an account", permission: null, nav: false, load: () => import("./pages/LoginPage.svelte") },
];

/** The page for `path` and its parameters, or null. */
export function match(path: string, pages: PageDef[]): { page: PageDef; params: Record<string, string> } | null {
  const parts = path.split("/").filter(Boolean);
  for (const page of pages) {
    const pattern = page.path.split("/").filter(Boolean);
    const params: Record<string, string> = {};
    let ok = parts.length <= pattern.length;
    for (let i = 0; ok && i < pattern.length; i++) {
      const seg = pattern[i];
      const optional = seg.endsWith("?");
      if (seg.startsWith(":")) {
        if (parts[i] !== undefined) params[seg.slice(1).replace("?", "")] = decodeURIComponent(parts[i]);
        else if (!optional) ok = false;
      } else if (seg !== parts[i]) ok = false;
    }
    if (ok) return { page, params };
  }
  return null;
}
