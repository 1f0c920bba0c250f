// Readers of the two streaming formats the gateway answers with, over a fetch body:
// - NDJSON (Ollama's /api/generate, /api/chat, /api/pull): one JSON object per line;
// - server-sent events (chat turns, /v1): `event:`, `data:` (several lines join with "\n"), `id:`,
//   blank line ends an event.
// Chunks may split anywhere, inside a line or inside a multi-byte UTF-8 character; the decoder
// keeps the partial bytes and the readers keep the partial line until the rest arrives.

export class StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StreamError";
  }
}

type Source = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

async function* chunks(source: Source): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The lines of a byte stream (without their `\n` or `\r\n`); a last line without `\n` too. */
export async function* lines(source: Source): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of chunks(source)) {
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n", start)) {
      yield buffer.slice(start, end > start && buffer[end - 1] === "\r" ? end - 1 : end);
      start = end + 1;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  if (buffer.endsWith("\r")) buffer = buffer.slice(0, -1);
  if (buffer) yield buffer;
}

/** The JSON objects of an NDJSON stream; an in-band `{"error": "..."}` line throws StreamError. */
export async function* ndjson<T = Record<string, unknown>>(source: Source): AsyncGenerator<T> {
  for await (const line of lines(source)) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new StreamError(`malformed line in the stream: ${line.slice(0, 80)}`);
    }
    if (value && typeof value === "object" && "error" in value) {
      const error = (value as { error: unknown }).error;
      throw new StreamError(typeof error === "string" ? error : JSON.stringify(error));
    }
    yield value as T;
  }
}

export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/** The events of a server-sent event stream (comments and retry fields skipped). */
export async function* sse(source: Source): AsyncGenerator<SseEvent> {
  let event = "";
  let data: string[] = [];
  let id: string | null = null;
  for await (const line of lines(source)) {
    if (line === "") {
      if (data.length) yield { event: event || "message", data: data.join("\n"), id };
      event = "";
      data = [];
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (data.length) yield { event: event || "message", data: data.join("\n"), id };
}
