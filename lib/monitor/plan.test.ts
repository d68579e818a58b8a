import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblem, siteSchema } from '../content';
import { planChecks, planWebhooks, PlanError } from './plan';

const site = (check: Record<string, unknown>, monitoring: Record<string, unknown> = {}) =>
  siteSchema.parse({ name: 'Test', url: 'https://status.test.example', components: [{ id: 'api', name: 'API', checks: [check, { type: 'tcp', host: 'db.test.example', port: 5432, retries: 0 }] }], monitoring });

describe('planning checks', () => {
  it('names checks, fills defaults, and reads header secrets from the environment', () => {
    const plans = planChecks(site({ type: 'http', url: 'https://api.test.example/', headers: { Authorization: 'Bearer ${env:TOKEN}', 'X-Both': '${env:A}-${env:B}' }, timeoutMs: 500 }, { retries: 3 }), { TOKEN: 's3cret', A: 'a', B: 'b' });
    expect(plans.map((p) => [p.id, p.retries, p.probe.timeoutMs])).toEqual([
      ['api', 3, 500],
      ['api-2', 0, 10_000],
    ]);
    expect(plans[0]!.check).toMatchObject({ headers: { Authorization: 'Bearer s3cret', 'X-Both': 'a-b' } });
  });

  it('refuses an unset or empty variable, naming the check, the header and the variable', () => {
    const planning = () => planChecks(site({ type: 'http', url: 'https://api.test.example/', headers: { Authorization: 'Bearer ${env:TOKEN}', 'X-Key': '${env:KEY}' } }), { KEY: '' });
    expect(planning).toThrow(PlanError);
    expect(planning).toThrow('check api header Authorization: reads ${env:TOKEN}, which is not set\ncheck api header X-Key: reads ${env:KEY}, which is not set');
  });

  it('expands a webhook URL kept in the environment, and refuses one that is not a URL', () => {
    const monitoring = site({ type: 'tcp', host: 'x', port: 1 }, { webhooks: [{ url: '${env:HOOK}', format: 'slack' }] }).monitoring;
    expect(planWebhooks(monitoring, { HOOK: 'https://hooks.slack.example/T0/B0/x' })).toEqual([{ url: 'https://hooks.slack.example/T0/B0/x', format: 'slack', headers: {} }]);
    expect(() => planWebhooks(monitoring, { HOOK: 'not a url' })).toThrow('webhook 1 url: expected an http(s) URL in the environment variable, got something else');
  });

  it('a header with any other ${…} is a content error with file:line:col', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-plan-'));
    fs.writeFileSync(
      path.join(dir, 'site.yaml'),
      ['name: Test', 'url: https://status.test.example', 'components:', '  - id: api', '    name: API', '    checks:', '      - type: http', '        url: https://api.test.example/', '        headers:', '          Authorization: Bearer ${TOKEN}', ''].join('\n'),
    );
    const { problems } = checkContent(dir, { cwd: dir });
    expect(problems.map(formatProblem)).toEqual(['site.yaml:10:26 components[0].checks[0].headers.Authorization: expected plain text or ${env:NAME} references (NAME of letters, digits, _), got "Bearer ${TOKEN}"']);
    fs.rmSync(dir, { recursive: true });
  });
});
