// The models the caller may use (GET /api/models), loaded once per page visit and shared.
import { api, type Schemas } from "../api/client";
import { session } from "./session.svelte";

export const models = $state({ list: [] as Schemas["ModelPublic"][], loaded: false, error: null as unknown });

export async function loadModels(): Promise<void> {
  try {
    const answer = await api.get("/api/models");
    models.list = answer.models.filter((m) => m.enabled).sort((a, b) => a.name.localeCompare(b.name));
    models.error = null;
  } catch (e) {
    models.error = e;
  } finally {
    models.loaded = true;
  }
}

/** The user's default model when they may use it, else the first one. */
export function defaultModel(): string {
  const wanted = session.settings?.default_model;
  const names = models.list.map((m) => m.name);
  if (wanted && names.includes(wanted)) return wanted;
  return names[0] ?? "";
}
