// Search hits as text parts (never HTML): the server's snippet marks hits as **word**, and the
// title is matched against the query's words here.
export interface Part {
  text: string;
  hit: boolean;
}

export function snippetParts(snippet: string): Part[] {
  return snippet
    .split("**")
    .map((text, i) => ({ text, hit: i % 2 === 1 }))
    .filter((p) => p.text);
}

export function queryParts(text: string, query: string): Part[] {
  const words = query
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return [{ text, hit: false }];
  const any = words.join("|");
  const whole = new RegExp(`^(?:${any})$`, "i");
  return text
    .split(new RegExp(`(${any})`, "gi"))
    .filter(Boolean)
    .map((part) => ({ text: part, hit: whole.test(part) }));
}
