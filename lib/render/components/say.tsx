import { cloneElement, isValidElement, type ReactNode } from 'react';
import type { Key, Words } from '@/lib/i18n';

/**
 * A message of `w` with elements set into its placeholders (a `<Time>` into "Checked {time}"), with `before` and
 * `then` (the spaces around it) joined to its text. Text next to text is one text node, as one JSX string would be;
 * `apart` keeps each value a text node of its own, as `text {value} text` in JSX does.
 */
export function Say({ w, k, vars, before = '', then = '', apart = false }: { w: Words; k: Key; vars: Readonly<Record<string, ReactNode>>; before?: string; then?: string; apart?: boolean }) {
  const parts: ReactNode[] = [];
  const add = (part: ReactNode, join: boolean) => {
    if (part === '') return;
    if (join && typeof part === 'string' && typeof parts.at(-1) === 'string') parts[parts.length - 1] += part;
    else parts.push(part);
  };
  add(before, true);
  for (const part of w.parts<ReactNode>(k, vars)) add(part, !apart);
  add(then, true);
  // Text as plain strings, as JSX children are (a Fragment around text renders differently once Next outlines it).
  return parts.map((part, i) => (isValidElement(part) ? cloneElement(part, { key: i }) : part));
}

/** `text` kept in its own direction on a right-to-left page (`2026-Q4` must not read `Q4-2026`); as it is otherwise. */
export function isolate(w: Words, text: string): ReactNode {
  return w.dir === 'rtl' ? <bdi>{text}</bdi> : text;
}
