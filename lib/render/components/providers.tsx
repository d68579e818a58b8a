import { componentStatusLook, type Look, type UpstreamState } from '@/lib/status';
import { Badge } from './badges';
import { Time } from './time';

/** How an upstream's status looks: its own, or neutral words when it could not be confirmed. */
function upstreamLook(upstream: UpstreamState): Look {
  if (upstream.status) return componentStatusLook(upstream.status);
  return { tone: 'neutral', icon: 'unknown', words: upstream.unreachable ? 'Could not be read' : 'No recent reading' };
}

/**
 * Other status pages this product depends on, each shown as the provider's own status (never as ours), with a link
 * to its page, its open incidents' titles as plain text, and when it was last read.
 */
export function Providers({ upstream, title = 'Providers' }: { upstream: readonly UpstreamState[]; title?: string }) {
  if (upstream.length === 0) return null;
  return (
    <section aria-labelledby="providers" data-live="providers">
      <h2 id="providers">{title}</h2>
      <p className="muted">The status these services report on their own pages.</p>
      <ul className="components">
        {upstream.map((u) => (
          <li key={u.checkId} className="component">
            <div className="component-head">
              <a href={u.pageUrl}>{u.name}</a>
              <Badge look={upstreamLook(u)} />
            </div>
            {u.incidents.length > 0 && <p className="flags">{u.incidents.map((i) => i.name).join(' · ')}</p>}
            <p className="flags">
              {u.readAt ? (
                <>
                  Read <Time iso={u.readAt} relative />
                </>
              ) : (
                'Not read yet'
              )}
              {u.unreachable && u.reason ? ` · ${u.reason}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Links to the uptime reports, newest first: the running month, quarter and year, then the rest. */
export function ReportLinks({ labels }: { labels: readonly string[] }) {
  if (labels.length === 0) return null;
  return (
    <p className="meta">
      <span>Uptime reports:</span>
      {labels.map((label) => (
        <a key={label} href={`/reports/${label}`}>
          {label}
        </a>
      ))}
    </p>
  );
}
