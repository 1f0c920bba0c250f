// A keyset-paged listing of the admin console (users, keys, request log, audit): the rows shown,
// the next cursor, the total when the API counts one, and the load state. load() reads the first
// page again, load(true) appends the next one; when loads overlap, the newest one's answer wins.

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number;
}

export class Paged<T> {
  items = $state<T[]>([]);
  next = $state<string | null>(null);
  total = $state(0);
  error = $state<unknown>(null);
  loaded = $state(false);
  #asked = 0;
  #fetch: (cursor: string | undefined) => Promise<Page<T> | null>;

  /** `fetch` reads one page at `cursor` (undefined: the first); null: nothing to show now. */
  constructor(fetch: (cursor: string | undefined) => Promise<Page<T> | null>) {
    this.#fetch = fetch;
  }

  async load(more = false): Promise<void> {
    const ticket = ++this.#asked;
    try {
      const page = await this.#fetch(more ? (this.next ?? undefined) : undefined);
      if (page === null || ticket !== this.#asked) return; // a newer load's answer wins
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.next = page.next_cursor ?? null;
      this.total = page.total ?? this.items.length;
      this.error = null;
    } catch (e) {
      if (ticket === this.#asked) this.error = e;
    } finally {
      this.loaded = true;
    }
  }
}
