import { describe, expect, test } from 'vitest';
import { fixtureData } from '@/lib/publish/fixtures/fixture';
import { imagesFirstWhenFew, planOutputs, renderOrder, type PlannedOutput } from './write';

const planned = planOutputs(fixtureData(), 'code');
const order = renderOrder(planned);
const files = (outputs: readonly PlannedOutput[]) => outputs.map((o) => o.file);

describe('renderOrder', () => {
  test('renders every planned output exactly once', () => {
    expect(order).toHaveLength(planned.length);
    expect(new Set(files(order))).toEqual(new Set(files(planned)));
  });

  test('renders the kept outputs (images) after every other output', () => {
    const firstKept = order.findIndex((o) => o.kind.kept);
    expect(firstKept).toBeGreaterThan(0);
    expect(order.slice(firstKept).every((o) => o.kind.kept)).toBe(true);
    expect(order.filter((o) => o.kind.kept)).toHaveLength(planned.filter((o) => o.kind.kept).length);
  });

  test('renders the outputs made from one input one after another', () => {
    const report = order.findIndex((o) => o.file.startsWith('reports/') && o.file.endsWith('.html'));
    expect(report).toBeGreaterThanOrEqual(0);
    const period = order[report]!.file.replace(/\.html$/, '');
    expect(files(order.slice(report, report + 3))).toEqual([`${period}.html`, `${period}/report.csv`, `${period}/report.json`]);
    for (const input of new Set(order.map((o) => o.input).filter((i) => typeof i === 'object' && i !== null))) {
      const at = order.flatMap((o, i) => (o.input === input ? [i] : []));
      expect(at.at(-1)! - at[0]!, files(at.map((i) => order[i]!)).join(', ')).toBe(at.length - 1);
    }
  });
});

describe('imagesFirstWhenFew', () => {
  test('a publish with a few images starts them first; a build with many keeps them last', () => {
    const images = order.filter((o) => o.kind.kept);
    const pages = order.filter((o) => !o.kind.kept).slice(0, 5);
    expect(images.length).toBeGreaterThan(2);
    const few = imagesFirstWhenFew([...pages, ...images.slice(0, 2)], 2);
    expect(files(few)).toEqual(files([...images.slice(0, 2), ...pages]));
    expect(files(imagesFirstWhenFew([...pages, ...images], 2))).toEqual(files([...pages, ...images]));
  });
});
