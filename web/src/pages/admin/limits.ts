// Limits as form strings and back (an empty field is "no limit").
import type { Schemas } from "../../api/client";
import { int } from "./sections";

export type LimitsIn = Schemas["LimitsIn"];
export type LimitStrings = Record<keyof LimitsIn, string>;
export const LIMIT_KEYS: (keyof LimitsIn)[] = [
  "requests_per_minute",
  "requests_per_hour",
  "requests_per_day",
  "tokens_per_day",
  "tokens_per_month",
  "concurrent_streams",
];

export function toStrings(limits: Partial<Record<string, unknown>> | null | undefined): LimitStrings {
  const out = {} as LimitStrings;
  for (const key of LIMIT_KEYS) {
    const v = limits?.[key];
    out[key] = typeof v === "number" ? String(v) : "";
  }
  return out;
}

export function fromStrings(value: LimitStrings): LimitsIn {
  const out: LimitsIn = {};
  for (const key of LIMIT_KEYS) out[key] = int(value[key]);
  return out;
}
