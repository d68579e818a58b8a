/** Words every layer shares in messages and pages. */

/** A count with its noun: "1 problem", "3 problems" (`many` for an irregular plural). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
