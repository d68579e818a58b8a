/** Words every layer shares in messages and pages. */

/** A count with its noun: "1 problem", "3 problems" (`many` for an irregular plural). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `text` cut to at most `max` characters, the last of them `…` when anything was cut. */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
