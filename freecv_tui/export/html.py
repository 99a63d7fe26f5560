"""HTML export: one self-contained page rendered from the Markdown document."""

from __future__ import annotations

import html
from functools import cache
from typing import TYPE_CHECKING

from freecv_tui.cv import CV
from freecv_tui.export.markdown import Block, Document, document, is_rtl

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

GENERATOR = "freecv-tui"

# System fonts only: nothing to fetch, so the page works offline and prints fast.
_CSS = """
:root {
  --ink: #1e1e1e; --muted: #555; --accent: #1b375f; --rule: #c8c8c8;
  --paper: #fff;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e6e6e6; --muted: #a8a8a8; --accent: #9cc1ff; --rule: #444;
    --paper: #161616;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
    "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: anywhere;
}
.cv { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: clamp(1.6rem, 5vw, 2.2rem); }
h2 {
  font-size: 1.1rem; color: var(--accent); margin: 2rem 0 0.75rem;
  padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule);
}
h3 { font-size: 1.02rem; margin-top: 1.1rem; }
p { margin: 0.35rem 0; }
ul { margin: 0.4rem 0; padding-inline-start: 1.3rem; }
li { margin: 0.2rem 0; }
a { color: var(--accent); text-decoration-thickness: 1px; }
.headline { font-size: 1.15rem; color: var(--muted); margin-top: 0.3rem; }
.contact { font-size: 0.95rem; margin-top: 0.6rem; }
.meta { color: var(--muted); font-size: 0.95rem; margin-top: 0.1rem; }
.meta em { font-style: normal; }
.entry + .entry { margin-top: 0.9rem; }
@media (max-width: 30rem) {
  .cv { padding: 1.25rem 1rem 2rem; }
}
@page { margin: 16mm 18mm; }
@media print {
  :root { --ink: #000; --muted: #444; --accent: #1b375f; --paper: #fff; }
  html { font-size: 10.5pt; }
  body { line-height: 1.4; }
  h1 { font-size: 2rem; }
  .cv { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .meta, li, p { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


@cache
def _markdown_it() -> MarkdownIt:
    """A CommonMark parser that refuses raw HTML, so nothing typed becomes a tag."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False})


def _text_of(inline: Token) -> str:
    """The visible text of an inline token, to find its direction."""
    kinds = ("text", "text_special", "code_inline")
    return "".join(c.content for c in inline.children or [] if c.type in kinds)


def _inline_after(tokens: list[Token], start: int) -> Token | None:
    """The first inline token at or after start, inside the same block."""
    for token in tokens[start:]:
        if token.type == "inline":
            return token
        if token.nesting < 0:
            return None
    return None


def _mark_directions(tokens: list[Token]) -> None:
    """Put dir="rtl" on headings, paragraphs and list items that read right to left."""
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "paragraph_open", "list_item_open"):
            continue
        if token.type == "paragraph_open" and token.hidden:
            continue
        inline = _inline_after(tokens, index + 1)
        if inline is not None and is_rtl(_text_of(inline)):
            token.attrSet("dir", "rtl")
    # A list whose items all read right to left puts its bullets on the right.
    for index, token in enumerate(tokens):
        if token.type != "bullet_list_open":
            continue
        items = []
        for inner in tokens[index + 1 :]:
            if inner.type == "bullet_list_close" and inner.level == token.level:
                break
            if inner.type == "list_item_open" and inner.level == token.level + 1:
                items.append(inner)
        if items and all(item.attrGet("dir") == "rtl" for item in items):
            token.attrSet("dir", "rtl")


def render_block(block: Block) -> str:
    """One block of the document as HTML, with its class and directions."""
    md = _markdown_it()
    tokens = md.parse(block.markdown)
    _mark_directions(tokens)
    if block.kind in ("headline", "contact", "meta"):
        for token in tokens:
            if token.type == "paragraph_open":
                token.attrSet("class", block.kind)
                break
    return str(md.renderer.render(tokens, md.options, {}))


def _entry_html(blocks: list[Block]) -> str:
    """One entry wrapped so print and spacing rules can treat it as a unit."""
    inner = "".join(render_block(block) for block in blocks)
    return f'<div class="entry">\n{inner}</div>\n'


def write_html(doc: Document) -> str:
    """The full HTML5 page for a Document."""
    title = f"{doc.name} - CV" if doc.name else "CV"
    lang = f' lang="{html.escape(doc.lang)}"' if doc.lang else ""
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        f"<title>{html.escape(title)}</title>",
        '<link rel="alternate" type="application/json" href="cv.json">',
        f"<style>\n{_CSS}\n</style>",
    ]
    if doc.name:
        head.insert(3, f'<meta name="author" content="{html.escape(doc.name)}">')
    body = ['<div class="cv">']
    if doc.header:
        body.append("<header>")
        body.extend(render_block(block) for block in doc.header)
        body.append("</header>")
    body.append("<main>")
    for section in doc.sections:
        body.append("<section>")
        body.append(render_block(section.heading))
        body.extend(_entry_html(entry) for entry in section.entries)
        body.append("</section>")
    body.append("</main>")
    body.append("</div>")
    lines = [
        "<!DOCTYPE html>",
        f"<html{lang}>",
        "<head>",
        *head,
        "</head>",
        "<body>",
        *(part.rstrip("\n") for part in body),
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def render_html(cv: CV) -> str:
    """The CV as a self-contained HTML page that reads well on a phone and on paper."""
    return write_html(document(cv))
