import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair, type ParsedNode, type ToStringOptions, type YAMLMap, visit } from 'yaml';
import { frontMatter } from '../content/load';

/**
 * Byte-exact edits of an entry file's front matter. Each edit is one splice of the file's text, placed by the
 * `yaml` package's source ranges and CST: a top-level value is replaced where it stands, an item is inserted
 * after the last one of its list, a missing field after the last field. Every byte outside the splice is
 * left as it was: comments and their alignment, quoting, flow or block style, folded text, the body.
 */

/** One change to the front matter: set a top-level field to a one-line value, or add an item at the end of a top-level list. */
export type FrontMatterEdit = { set: string; value: string } | { append: string; item: Record<string, unknown> };

/** Replace `[start, end)` of a text by `text` (an insertion when start = end). */
type Splice = { start: number; end: number; text: string };

/** How new lines are written: no folding of long lines (a diff shows only what changed), `[a, b]`. */
export const yamlStyle: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

/** Applies the edits in order, each as one splice of the file's text; the bytes outside each splice are kept. */
export function spliceFrontMatter(fileText: string, edits: readonly FrontMatterEdit[]): string {
  return edits.reduce((text, edit) => {
    const { start, end, text: insert } = spliceFor(text, edit);
    return text.slice(0, start) + insert + text.slice(end);
  }, fileText);
}

/** The one splice of the whole file's text that makes `edit`. */
function spliceFor(fileText: string, edit: FrontMatterEdit): Splice {
  const span = frontMatterSpan(fileText);
  const text = fileText.slice(span.start, span.end);
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('refused: the front matter is not a valid YAML mapping; nothing was written');
  const root = doc.contents as ParsedMap;
  const at = { text, newline: text.includes('\r\n') ? '\r\n' : '\n' };
  const splice = 'set' in edit ? setValue(at, root, edit.set, edit.value) : appendItem(at, root, edit.append, edit.item);
  return { ...splice, start: splice.start + span.start, end: splice.end + span.start };
}

type Source = { text: string; newline: string };
type ParsedMap = YAMLMap.Parsed<ParsedNode, ParsedNode | null>;

/** Replaces a top-level value in place, in the quoting it was written in; adds the field when it is missing. */
function setValue(at: Source, root: ParsedMap, key: string, value: string): Splice {
  const pair = pairOf(root, key);
  if (!pair) return insertPair(at, root, key, value);
  const node = pair.value;
  const [start, end] = node?.range ?? [pair.key.range[1], pair.key.range[1]];
  const old = at.text.slice(start, end);
  // Plain or quoted stays plain or quoted; a block scalar, alias or collection becomes a one-line value.
  const inline = isScalar(node) && (node.type === 'PLAIN' || node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') ? node.type : undefined;
  const written = scalarText(value, inline);
  return { start, end, text: (old === '' ? ' ' : '') + written + (old.endsWith('\n') ? at.newline : '') };
}

/** Adds an item after the last one of a top-level list (the list is added when missing). */
function appendItem(at: Source, root: ParsedMap, key: string, item: Record<string, unknown>): Splice {
  const pair = pairOf(root, key);
  if (!pair) return insertPair(at, root, key, [item]);
  const list = pair.value;
  if (!isSeq(list)) throw new Error(`refused: ${key} is not a list; nothing was written`);
  const last = list.items.at(-1);
  if (list.flow) {
    const written = flowText(item);
    if (!last) return insertAt(list.range[0] + 1, written); // just inside `[`
    return insertAt(last.range[1], `, ${written}`);
  }
  // A block list: the new item's dash in the column of the first item's dash.
  const token = list.srcToken;
  const dash = token?.type === 'block-seq' ? token.items[0]?.start.find((t) => t.type === 'seq-item-ind')?.offset : undefined;
  const indent = ' '.repeat(column(at.text, dash ?? list.range[0]));
  const lines = blockLines(item).map((line, i) => (line === '' ? '' : `${indent}${i === 0 ? '- ' : '  '}${line}`));
  return insertLines(at, contentEnd(last!), lines);
}

/** Adds `key: value` after the last field of a mapping, in its style. */
function insertPair(at: Source, map: ParsedMap, key: string, value: unknown): Splice {
  const last = map.items.at(-1);
  if (map.flow) {
    const written = flowText({ [key]: value }).slice(1, -1); // `{key: value}` without its braces
    if (!last) return insertAt(map.range[0] + 1, written);
    return insertAt((last.value ?? last.key).range[1], `, ${written}`);
  }
  const indent = ' '.repeat(column(at.text, map.items[0]!.key.range[0]));
  const lines = blockLines({ [key]: value }).map((line) => (line === '' ? '' : indent + line));
  return insertLines(at, contentEnd(map), lines);
}

function insertAt(offset: number, text: string): Splice {
  return { start: offset, end: offset, text };
}

/** Whole lines inserted at the start of the line after `offset` (the end of some content). */
function insertLines(at: Source, offset: number, lines: string[]): Splice {
  const body = lines.join(at.newline) + at.newline;
  if (offset === 0 || at.text[offset - 1] === '\n') return insertAt(offset, body);
  const next = at.text.indexOf('\n', offset);
  // The rest of that line (spaces, a comment) stays on it; with no line break after it, one is added first.
  return next === -1 ? insertAt(at.text.length, at.newline + body) : insertAt(next + 1, body);
}

/** Where a node's own text ends: its last scalar or flow collection, not the comments or blank lines after it. */
function contentEnd(node: ParsedNode | null | undefined): number {
  if (isMap(node) && !node.flow && node.items.length > 0) {
    const last = node.items.at(-1) as Pair<ParsedNode, ParsedNode | null>;
    return last.value ? contentEnd(last.value) : last.key.range[1];
  }
  if (isSeq(node) && !node.flow && node.items.length > 0) return contentEnd(node.items.at(-1) as ParsedNode);
  return node?.range[1] ?? 0;
}

function pairOf(map: ParsedMap, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** 0-based column of an offset. */
function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** A one-line value as YAML, in the given quoting (`PLAIN` still quotes what plain would misread). */
function scalarText(value: string, type?: Scalar.Type): string {
  const node = new Scalar(value);
  if (type) node.type = type;
  return new Document(node).toString(yamlStyle).replace(/\r?\n$/, '');
}

/** A value in block style, as lines without the final line break. */
function blockLines(value: unknown): string[] {
  return new Document(value).toString(yamlStyle).replace(/\n$/, '').split('\n');
}

/** A value in flow style on one line: `{at: …, message: "…"}` (text over several lines double-quoted, with `\n`). */
function flowText(value: unknown): string {
  const doc = new Document(value);
  (doc.contents as Node & { flow?: boolean }).flow = true;
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ ...yamlStyle, doubleQuotedAsJSON: true }).replace(/\n$/, '');
}

/** Where the front matter's YAML starts and ends in an entry file. */
export function frontMatterSpan(text: string): { start: number; end: number } {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const match = frontMatter.exec(text.slice(bom));
  if (!match || match.index !== 0) throw new Error('refused: the file has no front matter between two "---" lines; nothing was written');
  const start = bom + match[0].indexOf('\n') + 1;
  return { start, end: start + match[1]!.length };
}
