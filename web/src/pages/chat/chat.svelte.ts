// The chat page's state and actions: the sidebar's list (search, paging), the open chat with
// its current branch, and the running turn (send, regenerate, edit-and-resend, stop, re-attach).
// A turn streams as server-sent events: `start` (the stored question and the answer's id),
// `delta` (text), `done` (the stored answer and its performance figures).
import { api, type Schemas } from "../../api/client";
import { sse } from "../../lib/stream";

export type ChatItem = Schemas["ChatPublic"];
export type Message = Schemas["MessagePublic"];
export type Detail = Schemas["ChatDetail"];

export const MAX_MESSAGE = 10_000;
/** A turn's stream that sends nothing for this long is given up (the answer is reloaded). */
const SILENCE_MS = 60_000;

export const list = $state({
  items: [] as ChatItem[],
  next: null as string | null,
  q: "",
  archived: false,
  loading: false,
  error: null as unknown,
});

export const chat = $state({
  detail: null as Detail | null,
  loading: false,
  error: null as unknown,
  /** The answer being streamed: its id (once known), text and start time. */
  live: null as { id: number | null; text: string; started: number } | null,
  turnError: null as unknown,
  /** What to send again after a failed send. */
  retry: null as (() => Promise<void>) | null,
});

export async function loadList(more = false): Promise<void> {
  list.loading = true;
  try {
    const page = await api.get("/api/chats", {
      query: { q: list.q || undefined, archived: list.archived, cursor: more ? list.next : undefined, limit: 30 },
    });
    list.items = more ? [...list.items, ...page.items] : page.items;
    list.next = page.next_cursor;
    list.error = null;
  } catch (e) {
    list.error = e;
  } finally {
    list.loading = false;
  }
}

export async function openChat(id: number): Promise<void> {
  chat.loading = true;
  chat.turnError = null;
  try {
    chat.detail = await api.get("/api/chats/{chat_id}", { params: { chat_id: id } });
    chat.error = null;
    if (chat.detail.running && !chat.live) void reattach(id);
  } catch (e) {
    chat.error = e;
    chat.detail = null;
  } finally {
    chat.loading = false;
  }
}

export function closeChat(): void {
  chat.detail = null;
  chat.error = null;
  chat.turnError = null;
  chat.live = null;
}

async function refresh(id: number): Promise<void> {
  if (chat.detail?.id !== id) return;
  chat.detail = await api.get("/api/chats/{chat_id}", { params: { chat_id: id } });
  void loadList();
}

/** The shown branch while a turn runs: the path down to its question, then the question. */
function branchTo(messages: Message[], question: Message): Message[] {
  const at = messages.findIndex((m) => m.id === question.id || m.id === question.parent_id);
  const kept = at === -1 ? (question.parent_id === null ? [] : messages) : messages.slice(0, at + 1);
  return kept.some((m) => m.id === question.id) ? kept : [...kept, question];
}

/** Read a turn's events into `chat.live`, then reload the chat (siblings, title, figures). */
async function follow(id: number, response: Response): Promise<void> {
  chat.live = { id: null, text: "", started: performance.now() };
  let failed: Message | null = null;
  // a stream silent for too long is left; the refresh below shows what the server stored
  const reader = response.body!.getReader();
  let watchdog = setTimeout(() => void reader.cancel(), SILENCE_MS);
  async function* watched(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      clearTimeout(watchdog);
      watchdog = setTimeout(() => void reader.cancel(), SILENCE_MS);
      yield value;
    }
  }
  try {
    for await (const event of sse(watched())) {
      const data = JSON.parse(event.data);
      if (event.event === "start") {
        chat.live.id = data.assistant_message_id;
        chat.live.text = "";
        if (chat.detail?.id === id) chat.detail.messages = branchTo(chat.detail.messages, data.user_message);
      } else if (event.event === "delta") {
        chat.live.text += data.content;
      } else if (event.event === "done") {
        const answer = data.assistant_message as Message;
        if (answer.status === "error") {
          failed = answer;
        }
      }
    }
  } finally {
    clearTimeout(watchdog);
    chat.live = null;
    await refresh(id).catch((e) => (chat.turnError = e));
  }
  if (failed) {
    const answer = failed;
    chat.turnError = new Error(`The model's answer failed: ${answer.error ?? "no reason given"}`);
    chat.retry = () => regenerate(answer, answer.model ?? "");
  }
}

async function turn(id: number, start: () => Promise<Response>): Promise<void> {
  chat.turnError = null;
  chat.retry = null;
  // busy from the click on, not from the answer's first byte: no second send meanwhile
  chat.live = { id: null, text: "", started: performance.now() };
  try {
    await follow(id, await start());
  } catch (e) {
    chat.live = null;
    chat.turnError = e;
    chat.retry = () => turn(id, start);
  }
}

export async function send(content: string, model: string, images: string[]): Promise<number> {
  let id = chat.detail?.id;
  if (id === undefined) {
    const created = await api.post("/api/chats", { body: { model } });
    id = created.id;
    chat.detail = { ...created, messages: [], current_message_id: null };
  }
  const chatId = id;
  void turn(chatId, () =>
    api.stream("POST", `/api/chats/${chatId}/messages`, {
      body: { content, model, images: images.length ? images : undefined, stream: true },
    }),
  );
  return chatId;
}

export function regenerate(message: Message, model: string): Promise<void> {
  const id = chat.detail!.id;
  return turn(id, () =>
    api.stream("POST", `/api/chats/${id}/messages/${message.id}/regenerate`, { body: { model, stream: true } }),
  );
}

export function editAndResend(message: Message, content: string, model: string): Promise<void> {
  const id = chat.detail!.id;
  return turn(id, () => api.stream("PUT", `/api/chats/${id}/messages/${message.id}`, { body: { content, model, stream: true } }));
}

export async function stop(): Promise<void> {
  if (chat.detail) await api.post("/api/chats/{chat_id}/stop", { params: { chat_id: chat.detail.id } });
}

export async function reattach(id: number): Promise<void> {
  await turn(id, () => api.stream("GET", `/api/chats/${id}/stream`));
}

export async function switchBranch(message: Message, step: number): Promise<void> {
  const siblings = message.siblings ?? [];
  const target = siblings[siblings.indexOf(message.id) + step];
  if (target === undefined || !chat.detail) return;
  const id = chat.detail.id;
  await api.patch("/api/chats/{chat_id}", { params: { chat_id: id }, body: { current_message_id: target } });
  await refresh(id);
}

export async function update(id: number, body: Schemas["ChatUpdate"]): Promise<void> {
  await api.patch("/api/chats/{chat_id}", { params: { chat_id: id }, body });
  if (chat.detail?.id === id) await refresh(id);
  else await loadList();
}

export async function remove(ids: number[]): Promise<void> {
  if (ids.length === 1) await api.delete("/api/chats/{chat_id}", { params: { chat_id: ids[0] } });
  else await api.post("/api/chats/bulk-delete", { body: { ids } });
  if (chat.detail && ids.includes(chat.detail.id)) closeChat();
  await loadList();
}

export async function exportChat(id: number, format: "md" | "json"): Promise<void> {
  const response = await api.stream("GET", `/api/chats/${id}/export`, { query: { format } });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `chat-${id}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file as the base64 the API takes (without the data: prefix). */
export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] ?? "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
