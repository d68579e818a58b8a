import { componentStatuses, impacts, type ComponentStatus } from '@/lib/content';
import type { Indicator, MaintenanceState } from '@/lib/status';
import { Badge, ComponentStatusBadge, ImpactBadge, indicatorLook, MaintenanceStateBadge, NoDataBadge } from './badges';

const indicators = Object.keys(indicatorLook) as Indicator[];
const maintenanceStates: MaintenanceState[] = ['scheduled', 'in_progress'];

/**
 * Every badge the live script (public/outpost.js) may need, rendered once in an inert template: when
 * /status.json says a status changed, the script copies the badge from here, so its markup, tone and
 * icon come from these components and nowhere else. `data-look` names each: `component:<status>`,
 * `component:no-data`, `impact:<impact>`, `maintenance:<state>`, `indicator:<indicator>`.
 */
export function LiveLooks() {
  const look = (key: string, badge: React.ReactNode) => (
    <span key={key} data-look={key}>
      {badge}
    </span>
  );
  return (
    <template id="live-looks">
      {componentStatuses.map((s: ComponentStatus) => look(`component:${s}`, <ComponentStatusBadge status={s} />))}
      {look('component:no-data', <NoDataBadge />)}
      {impacts.map((i) => look(`impact:${i}`, <ImpactBadge impact={i} />))}
      {maintenanceStates.map((m) => look(`maintenance:${m}`, <MaintenanceStateBadge state={m} />))}
      {indicators.map((i) => look(`indicator:${i}`, <Badge look={indicatorLook[i]}>{i}</Badge>))}
      {look('indicator:stale', <Badge look={['neutral', 'unknown']}>stale</Badge>)}
    </template>
  );
}
