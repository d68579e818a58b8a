import type { ComponentState } from '@/lib/status';
import { ComponentStatusBadge, NoDataBadge } from './badges';

/** What a component's status rests on, in words: stale data, or a failure no incident covers yet. */
export function ComponentFlags({ state }: { state: ComponentState }) {
  const flags = [
    state.detectedAutomatically && 'Detected automatically',
    state.stale && state.status !== 'operational' && 'No recent monitoring data',
  ].filter(Boolean);
  return flags.length > 0 ? <p className="flags">{flags.join(' · ')}</p> : null;
}

/** A component's status as shown: "No recent data" rather than "Operational" when its data is stale. */
export function ComponentStateBadge({ state }: { state: ComponentState }) {
  return state.stale && state.status === 'operational' ? <NoDataBadge /> : <ComponentStatusBadge status={state.status} />;
}

/** One component on the home page: name, status, flags, and room below for its 90-day bars. */
export function ComponentRow({ state }: { state: ComponentState }) {
  const { component } = state;
  return (
    <li className="component">
      <div className="component-head">
        <a href={`/components/${component.id}`}>{component.name}</a>
        <ComponentStateBadge state={state} />
      </div>
      <ComponentFlags state={state} />
      {/* The 90-day bars and uptime figure (app/_components/uptime-bars.tsx) go here, full width. */}
    </li>
  );
}
