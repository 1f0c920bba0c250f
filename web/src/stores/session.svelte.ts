// The signed-in user: profile (/api/auth/me), who they are to the permission system
// (/api/auth/whoami: role and permissions, which decide the pages shown) and their settings.
import { api, CSRF_COOKIE, readCookie, type Schemas } from "../api/client";
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

/**
 * Load the session; false when nobody is signed in. The readable CSRF cookie lives as long as
 * the session's refresh cookie, so without it there is no session to ask about (and no 401 to
 * log in the console); with it, an expired access token is refreshed silently by the client.
 */
export async function loadSession(): Promise<boolean> {
  if (!readCookie(CSRF_COOKIE)) {
    clearSession();
    session.ready = true;
    return false;
  }
  try {
    const principal = await api.get("/api/auth/whoami");
    const [user, settings] = await Promise.all([api.get("/api/auth/me"), api.get("/api/auth/me/settings")]);
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
