import type { Site } from '@/lib/content';
import { subscribePageData } from '@/lib/notify/subscribe-page';

/**
 * Every way to follow the page, without JavaScript: email (a plain form posting to the sign-up service, where
 * one runs), RSS and the maintenance calendar (site-wide and per component), the JSON API, webhooks and chat.
 */
export function SubscribePage({ site }: { site: Site }) {
  const { signup, feeds, webhooks } = subscribePageData(site);
  return (
    <>
      <h1>Subscribe to updates</h1>
      <p className="lede">Hear about incidents and maintenance the way that suits you. Every option works without an account.</p>

      <section aria-labelledby="email">
        <h2 id="email">Email</h2>
        {signup ? (
          <form className="signup" action={signup.action} method={signup.method}>
            <p>
              <label htmlFor="signup-email">Email address</label>
              <input id="signup-email" name={signup.fields.email.name} type="email" required autoComplete="email" maxLength={signup.fields.email.maxLength} />
            </p>
            <fieldset>
              <legend>Components (none ticked: every component)</legend>
              {signup.fields.components.options.map((option) => (
                <label key={option.value}>
                  <input type="checkbox" name={signup.fields.components.name} value={option.value} /> {option.label}
                  {option.group && <span className="muted"> ({option.group})</span>}
                </label>
              ))}
            </fieldset>
            <p className="hp" aria-hidden="true">
              <label htmlFor="signup-website">Leave this empty</label>
              <input id="signup-website" name={signup.fields.honeypot.name} type="text" tabIndex={-1} autoComplete="off" />
            </p>
            <p>
              <button type="submit">Subscribe</button>
            </p>
            <p className="muted">We send a link to confirm. Every email has a one-click unsubscribe link.</p>
          </form>
        ) : (
          <p>Email sign-up is not offered on this page. Follow the feeds below, or ask the operator for a webhook.</p>
        )}
      </section>

      <section aria-labelledby="feeds">
        <h2 id="feeds">Feeds and calendar</h2>
        <ul className="lines">
          <li className="line">
            <a href={feeds.rss}>RSS feed of every incident and maintenance window</a>
          </li>
          <li className="line">
            <a href={feeds.calendar.webcal}>Maintenance calendar</a> (<a href={feeds.calendar.https}>download .ics</a>)
          </li>
          <li className="line">
            <a href={feeds.json}>Statuspage-compatible JSON</a>: the same data for tools that read Statuspage pages
          </li>
        </ul>
        <h3>Per component</h3>
        <ul className="lines">
          {feeds.components.map((c) => (
            <li key={c.id} className="line" id={`subscribe-${c.id}`}>
              <span>{c.name}</span>
              <span className="meta">
                <a href={c.rss}>RSS</a>
                <a href={c.calendar}>Maintenance calendar</a>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="webhooks">
        <h2 id="webhooks">Webhooks and chat</h2>
        <p>
          The operator of this page can send every change to a webhook ({webhooks.payload}) or to a chat channel. To receive them, send them
          one of:
        </p>
        <ul>
          {webhooks.chats.map((chat) => (
            <li key={chat.id}>
              {chat.name}: {chat.what}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
