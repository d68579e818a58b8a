import type { ComponentStatus, Impact, IncidentStatus } from '../content';
import { words, type Words } from '../i18n';
import type { MaintenanceState } from './maintenance';
import type { ComponentState, Indicator, SiteStatus } from './status';

/**
 * How a status looks, decided once for the pages, the SVG badges, the images and the live snapshot: a tone (a
 * colour family that reads in light and dark), an icon whose shape differs per state (never colour alone), and
 * words. Stale data never looks green: with nothing reported it is neutral "unknown". The words are in the language of
 * `w` (English when none is given).
 */

/** A colour family; the stylesheet, the badges and the images give each its colour. */
export type Tone = 'ok' | 'minor' | 'major' | 'critical' | 'maintenance' | 'neutral';
/** An icon's shape (lib/render/components/icons.tsx draws each). */
export type IconName = 'ok' | 'degraded' | 'partial' | 'major' | 'maintenance' | 'scheduled' | 'cancelled' | 'unknown';
/** Tone, icon and words of one status. */
export type Look = { tone: Tone; icon: IconName; words: string };

const componentLooks: Record<ComponentStatus, [Tone, IconName]> = {
  operational: ['ok', 'ok'],
  degraded_performance: ['minor', 'degraded'],
  partial_outage: ['major', 'partial'],
  major_outage: ['critical', 'major'],
  under_maintenance: ['maintenance', 'maintenance'],
};

const indicatorLooks: Record<Indicator, [Tone, IconName]> = {
  none: componentLooks.operational,
  minor: componentLooks.degraded_performance,
  major: componentLooks.partial_outage,
  critical: componentLooks.major_outage,
  maintenance: componentLooks.under_maintenance,
};

const unknown: [Tone, IconName] = ['neutral', 'unknown'];

const look = ([tone, icon]: [Tone, IconName], words: string): Look => ({ tone, icon, words });

/** A component status as such (an incident's report of it, a legend). */
export function componentStatusLook(status: ComponentStatus, w: Words = words('en')): Look {
  return look(componentLooks[status], w.t(`component.${status}`));
}

/** A component's status as shown: "No recent data" in neutral rather than "Operational" when its data is stale. */
export function componentLook(state: Pick<ComponentState, 'status' | 'stale'>, w: Words = words('en')): Look {
  return state.stale && state.status === 'operational' ? look(unknown, w.t('component.noData')) : componentStatusLook(state.status, w);
}

/**
 * The whole page's status: the indicator's, or neutral when nothing is reported and the data is stale. Its words are
 * the status's description, or in the language of `w` when one is given.
 */
export function pageLook(status: Pick<SiteStatus, 'indicator' | 'stale' | 'description'>, w?: Words): Look {
  const unconfirmed = status.indicator === 'none' && status.stale;
  const description = !w ? status.description : unconfirmed ? w.t('indicator.stale') : w.t(`indicator.${status.indicator}`);
  return look(unconfirmed ? unknown : indicatorLooks[status.indicator], description);
}

/** An incident's impact. */
export function impactLook(impact: Impact, w: Words = words('en')): Look {
  return look(impact === 'none' ? unknown : indicatorLooks[impact], w.t(`impact.${impact}`));
}

/** An incident's status: the further from resolved, the stronger its tone. */
export function incidentStatusLook(status: IncidentStatus, w: Words = words('en')): Look {
  const looks: Record<IncidentStatus, [Tone, IconName]> = {
    investigating: componentLooks.major_outage,
    identified: componentLooks.partial_outage,
    monitoring: componentLooks.degraded_performance,
    resolved: componentLooks.operational,
    postmortem: componentLooks.operational,
  };
  return look(looks[status], w.t(`incident.${status}`));
}

/** A maintenance window's state. */
export function maintenanceLook(state: MaintenanceState, w: Words = words('en')): Look {
  const looks: Record<MaintenanceState, [Tone, IconName]> = {
    scheduled: ['neutral', 'scheduled'],
    in_progress: componentLooks.under_maintenance,
    completed: componentLooks.operational,
    cancelled: ['neutral', 'cancelled'],
  };
  return look(looks[state], w.t(`maintenance.${state}`));
}
