/**
 * A small streaming XML tokenizer for the parts of an .xlsx: fed text chunk by chunk, it calls
 * back per open tag, close tag and text run, holding only the token it is in the middle of.
 * Written for the import rather than taken from a general parser because it must be fast
 * (a 20,000-row sheet in a fraction of a second; saxes took over a second) and because every
 * thing it holds is bounded: a token (text run, tag, comment) over `maxToken` characters,
 * nesting over `maxDepth`, a DOCTYPE (and so any entity declaration), an unknown entity or a
 * mismatched close tag all stop it with an error.
 *
 * It checks what the import relies on (nesting, names, quoting, entities), not all of XML.
 */

export interface XmlHandlers {
  /** An open tag: local name (prefix dropped) and the raw attribute text (read it with attr()). */
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** A text run, raw: decode it with xmlText() when it is wanted. */
  text(raw: string): void;
  /** False while the handler ignores text: runs are then skipped without being cut out. */
  wantText?: boolean;
}

export class XmlError extends Error {}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));|&/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text with its entities decoded and line ends normalised, as an XML parser gives it. */
export function xmlText(raw: string): string {
  let s = raw;
  if (s.includes("&")) {
    s = s.replace(ENTITY, (m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (named) return NAMED[named];
      const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : -1;
      if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError(`bad entity ${m}`);
      return String.fromCodePoint(code);
    });
  }
  return s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
}

/** One attribute's decoded value from a tag's raw attribute text (exact name, prefix included). */
export function attr(attrs: string, name: string): string | undefined {
  // The usual spelling first (one space, double quotes), then any other.
  const fast = attrs.indexOf(` ${name}="`);
  if (fast >= 0) {
    const from = fast + name.length + 3;
    const to = attrs.indexOf('"', from);
    if (to >= 0) return xmlText(attrs.slice(from, to));
  }
  let from = 0;
  for (;;) {
    const i = attrs.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    if (i > 0 && !/\s/.test(attrs[i - 1])) continue;
    const m = /^\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs.slice(from, from + 4104));
    if (!m) continue;
    return xmlText(m[1] ?? m[2]);
  }
}

/** Names of the attributes of a tag, for looking up one whose prefix is not known (r:id). */
export function attrNames(attrs: string): string[] {
  return [...attrs.matchAll(/([^\s=]+)\s*=\s*(?:"[^"]*"|'[^']*')/g)].map((m) => m[1]);
}

export class XmlTokenizer {
  private rest = "";
  /** Open elements: full names (for matching close tags) and local names (for the handlers). */
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private root = false;
  private readonly h: XmlHandlers;
  private readonly maxToken: number;
  private readonly maxDepth: number;
  constructor(h: XmlHandlers, maxToken: number, maxDepth: number) {
    this.h = h;
    this.maxToken = maxToken;
    this.maxDepth = maxDepth;
  }

  write(chunk: string) {
    const s = this.rest + chunk;
    const n = s.length;
    const { h, stack } = this;
    let pos = 0;
    while (pos < n) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) break;
      if (lt > pos) {
        if (!stack.length) {
          if (s.slice(pos, lt).trim()) throw new XmlError("text outside the root element");
        } else if (h.wantText !== false) h.text(s.slice(pos, lt));
      }
      pos = lt;
      const next = s.charCodeAt(lt + 1);
      let end: number;
      if (next === 0x2f /* / */) {
        const top = stack[stack.length - 1];
        if (top === undefined) throw new XmlError("a close tag with nothing open");
        end = lt + 2 + top.length;
        while (end < n && isSpace(s.charCodeAt(end))) end++;
        if (end >= n) break;
        if (s.charCodeAt(end) !== 0x3e || !s.startsWith(top, lt + 2)) throw new XmlError(`mismatched close tag </${s.slice(lt + 2, lt + 42).split(">")[0]}>`);
        stack.pop();
        h.close(this.locals.pop()!);
        pos = end + 1;
      } else if (next === 0x3f /* ? */) {
        end = s.indexOf("?>", lt + 2);
        if (end < 0) break;
        pos = end + 2;
      } else if (next === 0x21 /* ! */) {
        if (s.startsWith("<!--", lt)) {
          end = s.indexOf("-->", lt + 4);
          if (end < 0) break;
          pos = end + 3;
        } else if (s.startsWith("<![CDATA[", lt)) {
          end = s.indexOf("]]>", lt + 9);
          if (end < 0) break;
          if (!stack.length) throw new XmlError("text outside the root element");
          h.text(s.slice(lt + 9, end).replace(/&/g, "&amp;"));
          pos = end + 3;
        } else if (n - lt < 9) break;
        else throw new XmlError("DOCTYPE and declarations are not accepted");
      } else if (Number.isNaN(next)) break;
      else {
        end = tagEnd(s, lt + 1);
        if (end < 0) break;
        this.openTag(s, lt + 1, end);
        pos = end + 1;
      }
    }
    this.rest = pos < n ? s.slice(pos) : "";
    if (this.rest.length > this.maxToken) throw new XmlError(`a token longer than ${this.maxToken} characters`);
  }

  close() {
    if (this.rest.trim()) throw new XmlError("the document ends inside a tag or text");
    if (this.stack.length || !this.root) throw new XmlError("the document is incomplete");
  }

  /** The tag s[from, end) (without its brackets). */
  private openTag(s: string, from: number, end: number) {
    const selfClosing = s.charCodeAt(end - 1) === 0x2f;
    const stop = selfClosing ? end - 1 : end;
    let i = from;
    while (i < stop && !isSpace(s.charCodeAt(i))) i++;
    const name = s.slice(from, i);
    if (!NAME.test(name)) throw new XmlError(`bad tag name <${name.slice(0, 40)}>`);
    if (!this.stack.length && this.root) throw new XmlError("a second root element");
    if (this.stack.length >= this.maxDepth) throw new XmlError(`elements nested deeper than ${this.maxDepth}`);
    this.root = true;
    const colon = name.indexOf(":");
    const local = colon < 0 ? name : name.slice(colon + 1);
    this.h.open(local, i < stop ? s.slice(i, stop) : "");
    if (selfClosing) this.h.close(local);
    else {
      this.stack.push(name);
      this.locals.push(local);
    }
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
const NAME = /^[A-Za-z_][\w.:-]*$/;

/** Index of the ">" closing a tag whose body starts at `from`, skipping quoted attribute values; -1 when not yet in the text. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x3e /* > */) return i;
    else if (c === 0x22 || c === 0x27) quote = c;
  }
  return -1;
}
