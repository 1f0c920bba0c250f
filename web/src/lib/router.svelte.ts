// A small history router for the single-page app under /ui/: the path after /ui, its segments,
// and navigate() (pushState, or a link click intercepted by App.svelte).
export const BASE = "/ui";

function current(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : "/";
  return path || "/";
}

export const route = $state({ path: current(), search: location.search });

export function navigate(path: string, { replace = false } = {}): void {
  const url = path.startsWith(BASE) ? path : BASE + path;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  route.path = current();
  route.search = location.search;
}

addEventListener("popstate", () => {
  route.path = current();
  route.search = location.search;
});

/** Where the user was, to come back after signing in. */
export function here(): string {
  return route.path + route.search;
}

export function param(name: string): string | null {
  return new URLSearchParams(route.search).get(name);
}
