import type { Words } from '@/lib/i18n';
import { componentFlags, componentLook, type ComponentState } from '@/lib/status';
import { Badge } from './badges';
import { staleAttribute } from './checked';

/** What a component's status rests on, in words: stale data, or a failure no incident covers yet. */
export function ComponentFlags({ state, w }: { state: ComponentState; w: Words }) {
  const flags = componentFlags(state, w);
  return flags.length > 0 ? <p className="flags">{flags.join(' · ')}</p> : null;
}

/** A component's status as shown: "No recent data" rather than "Operational" when its data is stale. */
export function ComponentStateBadge({ state, w }: { state: ComponentState; w: Words }) {
  return <Badge look={componentLook(state, w)} />;
}

/** One component on the home page: name, status, flags, and below them `children` (its 90-day bars). */
export function ComponentRow({ state, w, children }: { state: ComponentState; w: Words; children?: React.ReactNode }) {
  const { component } = state;
  return (
    <li className="component" {...staleAttribute(state.staleAt)}>
      <div className="component-head">
        <a href={`/components/${component.id}`}>{component.name}</a>
        <ComponentStateBadge state={state} w={w} />
      </div>
      <ComponentFlags state={state} w={w} />
      {children}
    </li>
  );
}
