import { describe, expect, it } from "vitest";
import { Paged, type Page } from "../src/lib/paged.svelte";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Paged", () => {
  it("reads the first page, appends the next one, and reads the first again", async () => {
    const asked: (string | undefined)[] = [];
    const pages: Record<string, Page<number>> = {
      first: { items: [1, 2], next_cursor: "c2", total: 3 },
      c2: { items: [3], next_cursor: null, total: 3 },
    };
    const list = new Paged<number>(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? "first"];
    });
    expect(list.loaded).toBe(false);
    await list.load();
    expect([list.items, list.next, list.total, list.loaded]).toEqual([[1, 2], "c2", 3, true]);
    await list.load(true);
    expect([list.items, list.next]).toEqual([[1, 2, 3], null]);
    await list.load();
    expect(list.items).toEqual([1, 2]);
    expect(asked).toEqual([undefined, "c2", undefined]);
  });

  it("keeps the newest load's answer when an older one ends later", async () => {
    const slow = deferred<Page<string>>();
    const answers = [slow.promise, Promise.resolve({ items: ["new"] })];
    const list = new Paged<string>(() => answers.shift()!);
    const older = list.load();
    await list.load();
    slow.resolve({ items: ["old"] });
    await older;
    expect(list.items).toEqual(["new"]);
  });

  it("shows an error, clears it on the next good answer, and shows nothing new for null", async () => {
    const answers: (() => Promise<Page<number> | null>)[] = [
      () => Promise.reject(new Error("down")),
      () => Promise.resolve({ items: [7] }),
      () => Promise.resolve(null),
    ];
    const list = new Paged<number>(() => answers.shift()!());
    await list.load();
    expect((list.error as Error).message).toBe("down");
    expect(list.loaded).toBe(true);
    await list.load();
    expect([list.error, list.items, list.total]).toEqual([null, [7], 1]);
    await list.load();
    expect(list.items).toEqual([7]);
  });
});
