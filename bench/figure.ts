/** One measured figure, as every bench/<area>.ts module returns them and bench/run.ts prints them. */
export type BenchFigure = {
  /** What was measured: `build time at 1,000 incidents`. */
  name: string;
  value: number;
  /** `s`, `ms`, `KB`, `MB`, `checks/s`, `ratio`… */
  unit: string;
  /** The target, in words (`≤ 30 KB`), when there is one. */
  target?: string;
  /** Whether the measured value meets the target; absent when there is no target. */
  meets?: boolean;
};

/** A bench module: measures its area and returns the figures. */
export type Bench = () => Promise<BenchFigure[]>;

/** The middle value (the upper middle of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
