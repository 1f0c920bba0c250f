// The signed-in user: profile (/api/auth/me), who they are to the permission system
// (/api/auth/whoami: role and permissions, which decide the pages shown) and their settings.
import { api, type Schemas } from "../api/client";
import { applyTheme, type Theme } from "./theme.svelte";

export const session = $state({
  ready: false,
  user: null as Schemas["UserPublic"] | null,
  principal: null as Schemas["PrincipalPublic"] | null,
  settings: null as Schemas["SettingsPublic"] | null,
});

export function can(permission: string): boolean {
  return session.principal?.permissions.includes(permission) ?? false;
}

/** Load the session; false when nobody is signed in. */
export async function loadSession(): Promise<boolean> {
  try {
    const [principal, user, settings] = await Promise.all([
      api.get("/api/auth/whoami", { anonymous: true }),
      api.get("/api/auth/me", { anonymous: true }),
      api.get("/api/auth/me/settings", { anonymous: true }),
    ]);
    session.principal = principal;
    session.user = user;
    session.settings = settings;
    applyTheme((settings.theme as Theme | null) ?? null);
    return true;
  } catch {
    clearSession();
    return false;
  } finally {
    session.ready = true;
  }
}

export function clearSession(): void {
  session.user = null;
  session.principal = null;
  session.settings = null;
}

export async function signOut(): Promise<void> {
  try {
    await api.post("/api/auth/logout", {});
  } finally {
    clearSession();
  }
}
