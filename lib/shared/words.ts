/** Words every layer shares in messages and pages. */

/** A count with its noun: "1 problem", "3 problems" (`many` for an irregular plural). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `text` cut to at most `max` characters, the last of them `…` when anything was cut. */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The order of texts by their code units: what sorts ISO times, dates and ids (`[a-z0-9-]`), which read in this order
 * as in any locale's. A fifth of the time of localeCompare, which goes through the collator: sorting 5,000 incidents
 * with it was 10 ms of every publish.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
