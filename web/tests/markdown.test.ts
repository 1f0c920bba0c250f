import { describe, expect, it } from "vitest";
import { renderMarkdown, sanitize, StreamingMarkdown } from "../src/lib/markdown";

const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  '<iframe src="https://example.com"></iframe>',
  "[click](javascript:alert(1))",
  '<a href="javascript:alert(1)">x</a>',
  '<svg><script>alert(1)</script><circle onload="alert(1)"/></svg>',
  '<svg onload=alert(1)><animate onbegin=alert(1) attributeName=x /></svg>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];

function inert(html: string): void {
  const root = document.createElement("div");
  root.innerHTML = html;
  for (const el of root.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith("on"), `${attr.name} on ${el.tagName}`).toBe(false);
      expect(attr.value.toLowerCase()).not.toContain("javascript:");
      expect(attr.name).not.toBe("style");
    }
  }
  expect(root.querySelector("script, iframe, svg, math, object, embed, style")).toBeNull();
}

describe("markdown and sanitiser", () => {
  it.each(PAYLOADS)("renders %s inert", (payload) => {
    inert(renderMarkdown(payload));
    inert(renderMarkdown(`text before\n\n${payload}\n\nafter`));
  });

  it("keeps ordinary markdown", () => {
    const html = renderMarkdown("# Title\n\n**bold** and [a link](https://example.com)\n\n- one\n- two");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain("<li>one</li>");
  });

  it("highlights code and adds a copy button", () => {
    const html = renderMarkdown("```python\ndef f():\n    return '<b>'\n```");
    expect(html).toContain('class="copy-code"');
    expect(html).toContain("hljs-keyword");
    expect(html).toContain("&lt;b&gt;");
    expect(html).not.toContain("<b>");
  });

  it("escapes code of an unknown language", () => {
    expect(renderMarkdown("```nolang\n<img src=x onerror=alert(1)>\n```")).toContain("&lt;img");
  });

  it("shows raw HTML as the text it is", () => {
    const root = document.createElement("div");
    root.innerHTML = renderMarkdown("look: <img src=x onerror=alert(1)> and <script>alert(2)</script>");
    expect(root.querySelector("img, script")).toBeNull();
    expect(root.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(root.textContent).toContain("<script>alert(2)</script>");
  });

  it("sanitize() alone strips handlers", () => {
    expect(sanitize('<p onclick="x()">hi</p>')).toBe("<p>hi</p>");
  });
});

describe("StreamingMarkdown", () => {
  function answer(tokens: number): string[] {
    const words: string[] = [];
    for (let i = 0; i < tokens; i++) {
      if (i % 40 === 39) words.push("\n\n");
      else if (i % 200 === 100) words.push("\n\n```js\nconst x = 1;\n```\n\n");
      else words.push(`word${i} `);
    }
    return words;
  }

  it("streams 2,000 tokens rendering each finished block once", () => {
    const stream = new StreamingMarkdown();
    const words = answer(2000);
    let text = "";
    const started = performance.now();
    let seen = new Map<number, string>();
    for (const word of words) {
      text += word;
      const { blocks } = stream.update(text);
      for (const block of blocks) {
        const before = seen.get(block.id);
        if (before !== undefined) expect(block.html).toBe(before); // never re-rendered
      }
      seen = new Map(blocks.map((b) => [b.id, b.html]));
    }
    const elapsed = performance.now() - started;
    // one render of the open block per token, plus one per finished block
    expect(stream.renders).toBeLessThan(words.length + 120);
    const streamed = stream.blocks.map((b) => b.html).join("") + stream.open;
    const whole = renderMarkdown(text);
    const strip = (s: string) => s.replace(/\s+/g, "");
    expect(strip(streamed)).toBe(strip(whole));
    // re-rendering the whole answer per token would process the sum of every prefix
    let whole_work = 0;
    for (let i = 0, n = 0; i < words.length; i++) whole_work += n += words[i].length;
    console.log(
      `2,000-token answer: ${stream.blocks.length} finished blocks, ${stream.renders} block renders, ` +
        `${stream.work} characters processed (whole re-render: ${whole_work}), ${elapsed.toFixed(0)} ms in jsdom`,
    );
    expect(stream.work * 20).toBeLessThan(whole_work);
  }, 60_000);

  it("keeps an unclosed code fence open until it closes", () => {
    const stream = new StreamingMarkdown();
    let state = stream.update("Intro\n\n```py\nx = 1\n");
    expect(state.blocks).toHaveLength(1);
    expect(state.open).toContain("copy-code");
    state = stream.update("Intro\n\n```py\nx = 1\n```\n\nAfter");
    expect(state.blocks.map((b) => b.html).join("")).toContain("hljs-number");
    expect(state.open).toContain("After");
  });

  it("sanitises streamed payloads too", () => {
    const stream = new StreamingMarkdown();
    const text = "hello\n\n<img src=x onerror=alert(1)>\n\n<script>alert(1)</script> end";
    let out = "";
    for (let i = 1; i <= text.length; i++) {
      const state = stream.update(text.slice(0, i));
      out = state.blocks.map((b) => b.html).join("") + state.open;
      inert(out);
    }
    expect(out).toContain("hello");
  });
});
