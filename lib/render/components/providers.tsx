import type { Words } from '@/lib/i18n';
import { componentStatusLook, type Look, type UpstreamState } from '@/lib/status';
import { shownReason } from '@/lib/status/reason';
import { Badge } from './badges';
import { isolate, Say } from './say';
import { Time } from './time';

/** How an upstream's status looks: its own, or neutral words when it could not be confirmed. */
function upstreamLook(upstream: UpstreamState, w: Words): Look {
  if (upstream.status) return componentStatusLook(upstream.status, w);
  return { tone: 'neutral', icon: 'unknown', words: w.t(upstream.unreachable ? 'page.providerUnread' : 'page.providerNoReading') };
}

/**
 * Other status pages this product depends on, each shown as the provider's own status (never as ours), with a link
 * to its page, its open incidents' titles as plain text, and when it was last read.
 */
export function Providers({ upstream, w, title = w.t('page.providers') }: { upstream: readonly UpstreamState[]; w: Words; title?: string }) {
  if (upstream.length === 0) return null;
  return (
    <section aria-labelledby="providers" data-live="providers">
      <h2 id="providers">{title}</h2>
      <p className="muted">{w.t('page.providersNote')}</p>
      <ul className="components">
        {upstream.map((u) => (
          <li key={u.checkId} className="component">
            <div className="component-head">
              <a href={u.pageUrl}>{u.name}</a>
              <Badge look={upstreamLook(u, w)} />
            </div>
            {u.incidents.length > 0 && <p className="flags">{u.incidents.map((i) => i.name).join(' · ')}</p>}
            <p className="flags">
              {u.readAt ? (
                <Say w={w} k="page.providerRead" vars={{ time: <Time iso={u.readAt} w={w} relative /> }} />
              ) : (
                w.t('page.providerNotRead')
              )}
              {u.unreachable && u.reason ? ` · ${shownReason({ reason: u.reason, why: u.why }, w)}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Links to the uptime reports, newest first: the running month, quarter and year, then the rest. */
export function ReportLinks({ labels, w }: { labels: readonly string[]; w: Words }) {
  if (labels.length === 0) return null;
  return (
    <p className="meta">
      <span>{w.t('page.reports')}</span>
      {labels.map((label) => (
        <a key={label} href={`/reports/${label}`}>
          {isolate(w, label)}
        </a>
      ))}
    </p>
  );
}
