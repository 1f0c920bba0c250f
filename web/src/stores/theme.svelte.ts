// Light, dark or system (follows prefers-color-scheme live). The choice is saved in the user's
// settings on the server and mirrored in localStorage so the first paint after a reload is right.
export type Theme = "light" | "dark" | "system";
const KEY = "og-theme";
const media = matchMedia("(prefers-color-scheme: dark)");

export const theme = $state({ choice: (localStorage.getItem(KEY) as Theme | null) ?? "system" });

function paint(): void {
  const dark = theme.choice === "dark" || (theme.choice === "system" && media.matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

export function applyTheme(choice: Theme | null): void {
  theme.choice = choice ?? (localStorage.getItem(KEY) as Theme | null) ?? "system";
  localStorage.setItem(KEY, theme.choice);
  paint();
}

media.addEventListener("change", paint);
paint();
