import { componentStatuses, impacts, type ComponentStatus } from '@/lib/content';
import type { Indicator, MaintenanceState } from '@/lib/status';
import { Badge, ComponentStatusBadge, ImpactBadge, indicatorLook, MaintenanceStateBadge, NoDataBadge } from './badges';

const indicators = Object.keys(indicatorLook) as Indicator[];
const maintenanceStates: MaintenanceState[] = ['scheduled', 'in_progress'];

/**
 * Every badge the live script (public/outpost.js) may need, rendered once in a hidden element: when
 * /status.json says a status changed, the script copies the badge from here, so its markup, tone and
 * icon come from these components and nowhere else. `data-look` names each: `component:<status>`,
 * `component:no-data`, `impact:<impact>`, `maintenance:<state>`, `indicator:<indicator>`. Not a
 * `<template>`: React cannot hydrate one, and a page that keeps Next's runtime would be re-rendered.
 */
export function LiveLooks() {
  const look = (key: string, badge: React.ReactNode) => (
    <span key={key} data-look={key}>
      {badge}
    </span>
  );
  return (
    <div id="live-looks" hidden>
      {componentStatuses.map((s: ComponentStatus) => look(`component:${s}`, <ComponentStatusBadge status={s} />))}
      {look('component:no-data', <NoDataBadge />)}
      {impacts.map((i) => look(`impact:${i}`, <ImpactBadge impact={i} />))}
      {maintenanceStates.map((m) => look(`maintenance:${m}`, <MaintenanceStateBadge state={m} />))}
      {indicators.map((i) => look(`indicator:${i}`, <Badge look={indicatorLook[i]}>{i}</Badge>))}
      {look('indicator:stale', <Badge look={['neutral', 'unknown']}>stale</Badge>)}
    </div>
  );
}
