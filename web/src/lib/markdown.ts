// Markdown -> sanitised HTML, for model answers and user messages alike.
// - marked renders (raw HTML in the text is shown as text), highlight.js (core and a handful of languages) colours code blocks, and every
//   result goes through DOMPurify (HTML profile: no SVG or MathML, no style attributes, no
//   javascript: links) after rendering and before it reaches the DOM, every time.
// - StreamingMarkdown renders an answer while it streams: blocks that are finished (a later block
//   has started) are rendered once and kept; only the last, open block is re-rendered per token.
import DOMPurify from "dompurify";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { Marked, type Token, type Tokens } from "marked";

for (const [name, language] of Object.entries({
  bash, css, go, javascript, json, python, rust, sql, typescript, xml, yaml,
})) {
  hljs.registerLanguage(name, language);
}
hljs.registerAliases(["sh", "shell", "zsh"], { languageName: "bash" });
hljs.registerAliases(["js", "jsx"], { languageName: "javascript" });
hljs.registerAliases(["ts", "tsx"], { languageName: "typescript" });
hljs.registerAliases(["py"], { languageName: "python" });
hljs.registerAliases(["html", "svg"], { languageName: "xml" });
hljs.registerAliases(["yml"], { languageName: "yaml" });

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A highlighted code block with its language and a copy button (handled by delegation). */
export function codeBlock(text: string, lang?: string): string {
  const name = (lang ?? "").trim().split(/\s+/)[0].toLowerCase();
  const known = name && hljs.getLanguage(name);
  const body = known ? hljs.highlight(text, { language: name, ignoreIllegals: true }).value : escapeHtml(text);
  const label = escapeHtml(name || "text");
  return (
    `<div class="code-block"><div class="code-head"><span>${label}</span>` +
    `<button type="button" class="copy-code">Copy</button></div>` +
    `<pre><code class="hljs">${body}</code></pre></div>`
  );
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    code({ text, lang }: Tokens.Code) {
      return codeBlock(text, lang);
    },
    // raw HTML in a message is shown as the text it is, never interpreted
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
  },
});

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook("afterSanitizeAttributes", (node) => {
      if (node.tagName === "A" && node.getAttribute("href")) {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer nofollow");
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

/** HTML that is safe to insert: scripts, handlers, frames, SVG, styles and bad URLs removed. */
export function sanitize(html: string): string {
  return purifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "textarea", "select", "iframe", "object", "embed"],
    FORBID_ATTR: ["style"],
    ADD_ATTR: ["target"],
  });
}

/** A whole Markdown text as sanitised HTML. */
export function renderMarkdown(text: string): string {
  return sanitize(marked.parse(text, { async: false }) as string);
}

export interface Block {
  id: number;
  html: string;
}

function renderTokens(tokens: Token[]): string {
  const list = tokens as Token[] & { links: Record<string, never> };
  list.links = {};
  return sanitize(marked.parser(list));
}

/**
 * Incremental rendering of a streaming answer. `update(text)` takes the whole text so far and
 * returns the finished blocks (stable: the same objects until `finish`) and the open block's HTML.
 * Only the text after the last finished block is lexed again, so a long answer costs about the
 * same per token as a short one. `renders` counts block renders (for the budget test).
 */
export class StreamingMarkdown {
  blocks: Block[] = [];
  open = "";
  renders = 0;
  /** Characters of Markdown lexed and rendered so far (the work a token costs). */
  work = 0;
  private offset = 0;
  private nextId = 0;

  update(raw: string): { blocks: Block[]; open: string } {
    const text = raw.replace(/\r\n?/g, "\n");
    if (text.length < this.offset) this.reset();
    const tail = text.slice(this.offset);
    this.work += tail.length;
    const tokens = marked.lexer(tail);
    let last = tokens.length - 1;
    while (last > 0 && tokens[last].type === "space") last -= 1;
    if (last > 0) {
      const done = tokens.slice(0, last);
      const html = renderTokens(done);
      this.renders += 1;
      if (html) this.blocks = [...this.blocks, { id: this.nextId++, html }];
      this.offset += done.reduce((n, token) => n + token.raw.length, 0);
    }
    const rest = tokens.slice(Math.max(last, 0));
    this.open = rest.length ? renderTokens(rest) : "";
    this.renders += rest.length ? 1 : 0;
    return { blocks: this.blocks, open: this.open };
  }

  /** The final text rendered as a whole, once (the streamed blocks are replaced by it). */
  finish(text: string): { blocks: Block[]; open: string } {
    this.blocks = [{ id: this.nextId++, html: renderMarkdown(text) }];
    this.open = "";
    this.offset = text.length;
    return { blocks: this.blocks, open: "" };
  }

  reset(): void {
    this.blocks = [];
    this.open = "";
    this.offset = 0;
  }
}
