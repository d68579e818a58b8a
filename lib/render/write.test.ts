import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '@/lib/build/paths';
import { fixtureData, tempDir } from '@/lib/publish/fixtures/fixture';
import { testShell } from './testing/site';
import { imagesFirstWhenFew, planOutputs, renderOrder, writeOutputs, type PlannedOutput } from './write';

const planned = planOutputs(fixtureData(), 'code');
const order = renderOrder(planned);
const files = (outputs: readonly PlannedOutput[]) => outputs.map((o) => o.file);

describe('renderOrder', () => {
  test('renders every planned output exactly once', () => {
    expect(order).toHaveLength(planned.length);
    expect(new Set(files(order))).toEqual(new Set(files(planned)));
  });

  test('renders the images after every other output', () => {
    const firstImage = order.findIndex((o) => o.kind.image);
    expect(firstImage).toBeGreaterThan(0);
    expect(order.slice(firstImage).every((o) => o.kind.image)).toBe(true);
    expect(order.filter((o) => o.kind.image)).toHaveLength(planned.filter((o) => o.kind.image).length);
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
    const images = order.filter((o) => o.kind.image);
    const pages = order.filter((o) => !o.kind.image).slice(0, 5);
    expect(images.length).toBeGreaterThan(2);
    const few = imagesFirstWhenFew([...pages, ...images.slice(0, 2)], 2);
    expect(files(few)).toEqual(files([...images.slice(0, 2), ...pages]));
    expect(files(imagesFirstWhenFew([...pages, ...images], 2))).toEqual(files([...pages, ...images]));
  });
});

describe('writeOutputs', () => {
  const data = fixtureData();
  const keptFiles = planned.filter((o) => o.kind.kept).map((o) => o.file);
  const root = tempDir('write-');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (name: string, keptDir: string) => writeOutputs({ data, shell: testShell, dir: path.join(root, name), previous: null, project: projectRoot, keptDir });
  const inode = (file: string) => fs.statSync(file).ino;
  const keptInodes = (keptDir: string) => new Set(fs.readdirSync(keptDir).map((name) => inode(path.join(keptDir, name))));

  test('puts each kept output (image) in as a hard link to its kept copy, made or reused', async () => {
    const keptDir = path.join(root, 'kept');
    const first = await write('first', keptDir);
    expect(keptFiles.length).toBeGreaterThan(0);
    expect(first.written).toEqual(expect.arrayContaining(keptFiles));
    expect(first.reused).toBe(0);
    for (const file of keptFiles) expect(keptInodes(keptDir), file).toContain(inode(path.join(root, 'first', file)));
    const again = await write('again', keptDir);
    expect(again.reused).toBe(keptFiles.length);
    for (const file of keptFiles) {
      expect(inode(path.join(root, 'again', file)), file).toBe(inode(path.join(root, 'first', file)));
      expect(fs.readFileSync(path.join(root, 'again', file)).subarray(1, 4).toString(), file).toBe('PNG');
    }
  });

  test('writes a kept output whole when it cannot be kept', async () => {
    const keptDir = path.join(root, 'not-a-folder');
    fs.writeFileSync(keptDir, 'a file where the kept folder should be');
    await write('unkept', keptDir);
    await write('kept', path.join(root, 'kept-too'));
    for (const file of keptFiles) {
      const target = path.join(root, 'unkept', file);
      expect(fs.statSync(target).nlink, file).toBe(1);
      expect(fs.readFileSync(target).equals(fs.readFileSync(path.join(root, 'kept', file))), file).toBe(true);
    }
  });
});
