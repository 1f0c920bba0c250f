import { describe, expect, it } from "vitest";
import { lines, ndjson, sse, StreamError } from "../src/lib/stream";

const enc = new TextEncoder();

async function* pieces(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === "string" ? enc.encode(part) : part;
}

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

/** Every way of cutting `bytes` into two chunks. */
function everySplit(text: string): Uint8Array[][] {
  const bytes = enc.encode(text);
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.slice(0, i), bytes.slice(i)]);
}

describe("lines", () => {
  it("joins a line split across chunks and handles CRLF and a last line without newline", async () => {
    expect(await collect(lines(pieces("ab", "c\r\nde", "f\ng")))).toEqual(["abc", "def", "g"]);
  });

  it("keeps a multi-byte character split between chunks", async () => {
    const bytes = enc.encode("héllo 🦙\n");
    for (let i = 0; i <= bytes.length; i++) {
      const got = await collect(lines(pieces(bytes.slice(0, i), bytes.slice(i))));
      expect(got).toEqual(["héllo 🦙"]);
    }
  });

  it("reads a ReadableStream", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(enc.encode("one\ntw"));
        controller.enqueue(enc.encode("o\n"));
        controller.close();
      },
    });
    expect(await collect(lines(stream))).toEqual(["one", "two"]);
  });
});

describe("ndjson", () => {
  const text = '{"response":"Hel"}\n{"response":"lo ✓"}\n\n{"done":true,"eval_count":2}\n';

  it("yields the same objects whatever the split", async () => {
    for (const split of everySplit(text)) {
      const got = await collect(ndjson(pieces(...split)));
      expect(got).toEqual([{ response: "Hel" }, { response: "lo ✓" }, { done: true, eval_count: 2 }]);
    }
  });

  it("yields one byte at a time", async () => {
    const bytes = enc.encode(text);
    const single = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await collect(ndjson(pieces(...single)))).toHaveLength(3);
  });

  it("throws the in-band error line after the lines before it", async () => {
    const got: unknown[] = [];
    const run = async () => {
      for await (const item of ndjson(pieces('{"response":"a"}\n{"error":"upstream died"}\n'))) got.push(item);
    };
    await expect(run()).rejects.toThrow(new StreamError("upstream died"));
    expect(got).toEqual([{ response: "a" }]);
  });

  it("refuses a malformed line", async () => {
    await expect(collect(ndjson(pieces("{nope\n")))).rejects.toBeInstanceOf(StreamError);
  });
});

describe("sse", () => {
  const text = ": comment\nevent: start\ndata: {\"a\":1}\nid: 7\n\ndata: line one\ndata: line two\n\nevent: done\ndata: {}\n\n";

  it("parses events, multi-line data and ids whatever the split", async () => {
    for (const split of everySplit(text)) {
      const got = await collect(sse(pieces(...split)));
      expect(got).toEqual([
        { event: "start", data: '{"a":1}', id: "7" },
        { event: "message", data: "line one\nline two", id: "7" },
        { event: "done", data: "{}", id: "7" },
      ]);
    }
  });

  it("delivers a last event that lacks the blank line", async () => {
    expect(await collect(sse(pieces("data: x")))).toEqual([{ event: "message", data: "x", id: null }]);
  });
});
