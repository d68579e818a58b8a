import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './suggest';

describe('closest', () => {
  it.each([
    ['Monitoring', ['investigating', 'monitoring'], 'monitoring'],
    ['MAJOR', ['minor', 'major'], 'major'],
    ['Major Outage', ['partial_outage', 'major_outage'], 'major_outage'],
    ['in-progress', ['scheduled', 'in_progress'], 'in_progress'],
    ['apii', ['api', 'web'], 'api'],
    ['incident', ['site.yaml', 'incidents', 'maintenance'], 'incidents'],
    ['database', ['api', 'web'], null],
    ['drafts', ['site.yaml', 'incidents', 'maintenance'], null],
  ])('%s → %s', (value, known, expected) => {
    expect(closest(value, known)).toBe(expected);
  });
});

describe('didYouMean', () => {
  it('suggests only a different value', () => {
    expect(didYouMean('Major', ['major'])).toBe(' (did you mean "major"?)');
    expect(didYouMean('major', ['major'])).toBe('');
    expect(didYouMean('huge', ['none', 'minor', 'major', 'critical'])).toBe('');
  });
});
