import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { core } from 'zod';
import { plural } from '../shared/words';
import { describe } from './fields';
import { didYouMean } from './suggest';

/** One thing wrong in one file, located like a compiler error. */
export type Problem = {
  /** Path relative to the working directory. */
  file: string;
  line: number;
  col: number;
  /** Where in the document: `updates[1].at`; empty for the file as a whole. */
  field: string;
  /** `expected …, got …`, or what rule was broken. */
  message: string;
  /** A warning (a file Outpost does not read) is reported but does not make the content invalid; absent: an error. */
  severity?: 'warning';
};

/** `content/incidents/x.md:4:11 impact: expected none | minor | major | critical, got "huge"`; a warning says so after the place. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col} ${p.severity === 'warning' ? 'warning: ' : ''}${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Thrown when content/ is invalid; carries every problem found, in file order. */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${plural(problems.length, 'problem')} in content:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
  }
}

export type PathSegment = string | number;

/** `updates[1].at` from ['updates', 1, 'at']. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`))
    .join('');
}

/** A YAML document that can say where any path in it is, for error messages. */
export class YamlSource {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  /**
   * @param file path shown in messages
   * @param text the YAML text
   * @param lineOffset lines before the YAML in the file (front matter starts after `---`)
   */
  constructor(
    readonly file: string,
    text: string,
    private readonly lineOffset = 0,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
  }

  /** Syntax errors, as problems. */
  syntaxProblems(): Problem[] {
    return this.doc.errors.map((error) => {
      const { line, col } = this.position(this.errorOffset(error));
      return { file: this.file, line, col, field: '', message: `invalid YAML: ${error.message.split('\n')[0]}` };
    });
  }

  /**
   * The plain data, for zod; or a problem when aliases cannot be expanded (one to no anchor, or so many
   * that expanding them would exhaust memory: the `yaml` package stops at 100), placed on the first alias.
   */
  data(): { data: unknown } | { problem: Problem } {
    try {
      return { data: this.doc.toJS() };
    } catch (error) {
      let offset = this.doc.contents?.range?.[0] ?? 0;
      visit(this.doc, {
        Alias: (_key, alias) => {
          offset = alias.range?.[0] ?? offset;
          return visit.BREAK;
        },
      });
      const { line, col } = this.position(offset);
      return { problem: { file: this.file, line, col, field: '', message: `invalid YAML: ${(error as Error).message.split('\n')[0]}` } };
    }
  }

  /** The field (`updates[0].message`) whose key or value holds a line and column of the file; empty outside any. */
  fieldAt(line: number, col: number): string {
    const start = this.lines.lineStarts[line - this.lineOffset - 1];
    if (start === undefined) return '';
    const offset = start + col - 1;
    const within = (node: unknown) => {
      const range = (node as Node | null)?.range;
      return !!range && offset >= range[0] && offset < range[2];
    };
    const path: PathSegment[] = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((p) => within(p.key) || within(p.value));
        if (!pair || !isScalar(pair.key)) break;
        path.push(String(pair.key.value));
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex(within);
        if (index < 0) break;
        path.push(index);
        node = node.items[index];
      } else break;
    }
    return formatPath(path);
  }

  /** Line and column in the file of an offset in the YAML text. */
  position(offset: number): { line: number; col: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineOffset, col };
  }

  /**
   * Where a syntax error is. A quote left open runs to the end of the text, where the `yaml` package reports
   * it (in front matter: the closing `---`); the quote that was opened is where it can be fixed.
   */
  private errorOffset(error: YAMLError): number {
    let offset = error.pos[0];
    if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
      visit(this.doc, {
        Scalar: (_key, scalar) => {
          const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
          if (!quoted || scalar.range?.[1] !== error.pos[0]) return undefined;
          offset = scalar.range[0];
          return visit.BREAK;
        },
      });
    }
    return offset;
  }

  /** A problem at the value at `path`, or at its key when `at` is 'key'; missing parts fall back to the nearest parent. */
  problem(path: readonly PropertyKey[], message: string, at: 'value' | 'key' = 'value'): Problem {
    return { file: this.file, ...this.locate(path, at), field: formatPath(path), message };
  }

  private locate(path: readonly PropertyKey[], at: 'value' | 'key'): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const [i, seg] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyOffset = (pair.key as Node).range?.[0] ?? offset;
        const value = pair.value as Node | null;
        offset = last && at === 'key' ? keyOffset : (value?.range?.[0] ?? keyOffset);
        node = value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return this.position(offset);
  }
}

/** One problem per zod issue, worded `expected …, got …` and placed on its YAML node. */
export function zodProblems(source: YamlSource, issues: readonly core.$ZodIssue[], prefix: PathSegment[] = []): Problem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => source.problem([...path, key], `unknown field ${JSON.stringify(key)}`, 'key'));
    }
    if (issue.code === 'invalid_key') {
      return [source.problem(path, messageFor(issue.issues[0] ?? issue, issue.input), 'key')];
    }
    return [source.problem(path, messageFor(issue, issue.input))];
  });
}

function messageFor(issue: core.$ZodIssue, input: unknown): string {
  // A schema's own `expected …, got …` wording wins over the generic one.
  if (/\bgot /.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}, got ${describe(input)}`;
    case 'invalid_value': {
      const known = issue.values.map((v) => String(v));
      return `expected ${known.join(' | ')}, got ${describe(input)}${typeof input === 'string' ? didYouMean(input, known) : ''}`;
    }
    case 'too_small':
    case 'too_big':
      return `expected ${bound(issue)}, got ${describe(input)}`;
    default:
      return `${lowerFirst(issue.message)}, got ${describe(input)}`;
  }
}

/** `at least 5`, `more than 0`, `some text`, `at most 3 items`. */
function bound(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string' && small && limit === 1) return 'some text';
  const words = small ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most';
  const unit = issue.origin === 'string' ? ' character' : issue.origin === 'array' ? ' item' : '';
  return unit ? `${words} ${plural(limit, unit.trim())}` : `${words} ${limit}`;
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
