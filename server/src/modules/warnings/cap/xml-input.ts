/**
 * From untrusted bytes to a DOM, refusing before parsing whatever could hurt: the size, DTD and
 * entity declarations (XXE, billion laughs), characters XML forbids (NUL and other controls,
 * lone surrogates, also as character references), deep nesting, encodings we cannot decode
 * exactly, and a declared encoding that contradicts the bytes.
 */
import { DOMParser, type Document } from "@xmldom/xmldom";
import { XMLValidator } from "fast-xml-parser";
import iconv from "iconv-lite";
import { CAP_LIMITS, CAP_MAX_BYTES } from "@yingji/contracts";
import { CapError } from "./cap-error.ts";

const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/** Encodings iconv-lite knows that are refused: not text encodings, or known to smuggle markup (UTF-7). */
const REFUSED_ENCODINGS = /^(utf-?7(-?imap)?|base64|hex|binary|ucs-?2|utf-?16|utf-?32|cesu-?8)$/;

function refuse(message: string, code: "cap_malformed" | "cap_doctype" = "cap_malformed"): never {
  throw new CapError(code, "", message);
}

type Unicode = "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

/** The encoding the first bytes show (a BOM, or the UTF-16/32 pattern of "<?"), and the BOM's length. */
function sniff(b: Buffer): { encoding: Unicode | null; bom: number } {
  const at = (i: number) => b[i] ?? -1;
  if (at(0) === 0x00 && at(1) === 0x00 && at(2) === 0xfe && at(3) === 0xff) return { encoding: "utf-32be", bom: 4 };
  if (at(0) === 0xff && at(1) === 0xfe && at(2) === 0x00 && at(3) === 0x00) return { encoding: "utf-32le", bom: 4 };
  if (at(0) === 0xef && at(1) === 0xbb && at(2) === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (at(0) === 0xfe && at(1) === 0xff) return { encoding: "utf-16be", bom: 2 };
  if (at(0) === 0xff && at(1) === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (at(0) === 0x3c && at(1) === 0x00 && at(2) === 0x3f && at(3) === 0x00) return { encoding: "utf-16le", bom: 0 };
  if (at(0) === 0x00 && at(1) === 0x3c && at(2) === 0x00 && at(3) === 0x3f) return { encoding: "utf-16be", bom: 0 };
  return { encoding: null, bom: 0 };
}

function decodeUnicode(bytes: Buffer, encoding: Unicode): string {
  if (encoding === "utf-8" || encoding === "utf-16le" || encoding === "utf-16be") {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      refuse(`the document is not valid ${encoding.toUpperCase()}`);
    }
  }
  return strictIconv(bytes, encoding);
}

/** iconv-lite replaces bad bytes silently, so a decoding counts only when encoding it again gives the same bytes. */
function strictIconv(bytes: Buffer, encoding: string): string {
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  if (!iconv.encode(text, encoding, { addBOM: false }).equals(bytes)) refuse(`the document is not valid ${encoding.toUpperCase()}: some bytes do not decode`);
  return text;
}

const XML_DECL = /^<\?xml\s+version\s*=\s*["']1\.[0-9]["'](?:\s+encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["'])?(?:\s+standalone\s*=\s*["'](?:yes|no)["'])?\s*\?>/;

/** The label of the XML declaration's encoding, if the text starts with a declaration. */
function declaredEncoding(head: string): string | undefined {
  if (!/^<\?xml\s/.test(head)) return undefined; // <?xml-stylesheet?> is a processing instruction, not a declaration
  const m = XML_DECL.exec(head);
  if (!m) refuse("the XML declaration is not well-formed");
  return m[1]?.toLowerCase();
}

const isUtf8Label = (label: string) => label === "utf-8" || label === "utf8";
const unicodeFamily = (label: string) => /^utf-?(16|32)(le|be)?$/.test(label) || label === "ucs-2" || label === "iso-10646-ucs-2";

/**
 * The document as text. UTF-8 (the default), UTF-16/32 with a BOM or the "<?" pattern, and every
 * ASCII-compatible encoding iconv-lite decodes (ISO-8859-x, windows-125x, GB18030/GBK/GB2312,
 * Big5, Shift_JIS, EUC-KR, KOI8-R...) when the declaration names it; UTF-7 and unknown labels are refused.
 */
export function decodeDocument(input: Buffer | string): string {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  if (bytes.length > CAP_MAX_BYTES) throw new CapError("cap_too_large", "", `document is ${bytes.length} bytes, the limit is ${CAP_MAX_BYTES}`);
  // Latin-1 maps every byte to one character and dropping NULs unfolds UTF-16/32, so this sees a
  // declaration whatever the encoding claims, before any decoding.
  if (DECLARATION.test(bytes.toString("latin1").replace(/\0/g, ""))) refuse("DOCTYPE and ENTITY declarations are not accepted", "cap_doctype");
  const { encoding: sniffed, bom } = sniff(bytes);
  let text: string;
  if (sniffed && sniffed !== "utf-8") {
    text = decodeUnicode(bytes.subarray(bom), sniffed);
    const label = declaredEncoding(text);
    if (label !== undefined && !unicodeFamily(label)) refuse(`the document is ${sniffed.toUpperCase()} but declares encoding "${label}"`);
  } else {
    const label = declaredEncoding(bytes.subarray(bom, bom + 200).toString("latin1"));
    if (bom && label !== undefined && !isUtf8Label(label)) refuse(`the document starts with a UTF-8 byte order mark but declares encoding "${label}"`);
    if (label === undefined || isUtf8Label(label)) {
      text = decodeUnicode(bytes.subarray(bom), "utf-8");
    } else if (unicodeFamily(label)) {
      refuse(`the document declares encoding "${label}" but its bytes are not ${label.toUpperCase()} (no byte order mark)`);
    } else if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(label)) {
      try {
        text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
      } catch {
        refuse(`the document is not valid ${label.toUpperCase()}`);
      }
    } else if (REFUSED_ENCODINGS.test(label) || !iconv.encodingExists(label)) {
      refuse(`unsupported encoding "${label}"`);
    } else {
      text = strictIconv(bytes, label);
      // An encoding that is not ASCII-compatible (EBCDIC...) would not give back its own declaration.
      if (declaredEncoding(text) !== label) refuse(`the encoding "${label}" is not ASCII-compatible and cannot be declared this way`);
    }
  }
  if (DECLARATION.test(text)) refuse("DOCTYPE and ENTITY declarations are not accepted", "cap_doctype");
  checkCharacters(text);
  checkDepth(text);
  return text;
}

const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function allowedCodePoint(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Characters XML 1.0 does not allow, written or referenced (&#0; &#xD800;): PostgreSQL could not store them either. */
function checkCharacters(text: string): void {
  const bad = FORBIDDEN.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    refuse(`line ${lineOf(text, bad.index)}: character U+${code} is not allowed in XML${code === "0000" ? " (a NUL byte)" : ""}`);
  }
  for (const m of text.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const c = m[1]![0] === "x" ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
    if (!allowedCodePoint(c)) refuse(`line ${lineOf(text, m.index)}: the character reference ${m[0]} names a character XML does not allow`);
  }
}

/**
 * Nesting depth, counted on the text before any parser runs: a million nested elements fit in
 * 1 MB and take a DOM parser many seconds. One pass with indexOf, never a backtracking regex, so
 * that unclosed comments or tags cannot make it quadratic; what is malformed is left to the validator.
 */
function checkDepth(text: string): void {
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  let other = 0;
  let i = 0;
  const skipTo = (from: number, end: string) => {
    if (++other > CAP_LIMITS.otherMarkup) refuse(`more than ${CAP_LIMITS.otherMarkup} comments, processing instructions and CDATA sections`);
    const at = text.indexOf(end, from);
    return at === -1 ? text.length : at + end.length;
  };
  while ((i = text.indexOf("<", i)) !== -1) {
    if (text.startsWith("<!--", i)) i = skipTo(i + 4, "-->");
    else if (text.startsWith("<![CDATA[", i)) i = skipTo(i + 9, "]]>");
    else if (text.startsWith("<?", i)) i = skipTo(i + 2, "?>");
    else if (text.startsWith("</", i)) {
      depth--;
      i += 2;
    } else {
      let j = i + 1;
      let quote = "";
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = "";
          // XML forbids it; refused here, as the validator takes long over many unclosed quotes.
          else if (c === "<") refuse(`line ${lineOf(text, j)}: "<" inside an attribute value`);
        } else if (c === '"' || c === "'") {
          quote = c;
          if (++attributes > CAP_LIMITS.attributes) refuse(`more than ${CAP_LIMITS.attributes} attributes`);
        } else if (c === ">" || c === "<") break;
      }
      if (text[j] === ">" && text[i + 1] !== "!") {
        if (++elements > CAP_LIMITS.elements) refuse(`more than ${CAP_LIMITS.elements} elements`);
        if (text[j - 1] !== "/" && ++depth > CAP_LIMITS.depth) refuse(`line ${lineOf(text, i)}: elements are nested deeper than ${CAP_LIMITS.depth} levels`);
      }
      i = text[j] === ">" ? j + 1 : j;
    }
  }
}

/** A well-formed, namespace-aware DOM of the text (fast-xml-parser's validator, then xmldom, both strict). */
export function parseXml(text: string): Document {
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) refuse(`not well-formed XML (line ${wellFormed.err.line}): ${wellFormed.err.msg}`);
  let problem: string | undefined;
  const parser = new DOMParser({
    onError: (level: string, message: string) => {
      if (level === "warning") return;
      problem ??= message;
      throw new Error(message);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text.replace(/^\uFEFF/, ""), "text/xml");
  } catch (err) {
    refuse(`not well-formed XML: ${problem ?? (err as Error).message}`);
  }
  if (!doc.documentElement) refuse("the document has no element");
  return doc;
}
