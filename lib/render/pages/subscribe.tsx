import type { Site } from '@/lib/content';
import { words } from '@/lib/i18n';
import { subscribePageData } from '@/lib/notify/subscribe-page';
import { Say } from '../components/say';

/** What each chat needs from a subscriber, in the page's language (lib/notify/subscribe-page.ts lists the chats). */

/**
 * Every way to follow the page, without JavaScript: email (a plain form posting to the sign-up service, where
 * one runs), RSS and the maintenance calendar (site-wide and per component), the JSON API, webhooks and chat.
 */
export function SubscribePage({ site }: { site: Site }) {
  const { signup, feeds, chats } = subscribePageData(site);
  const w = words(site.language);
  return (
    <>
      <h1>{w.t('subscribe.title')}</h1>
      <p className="lede">{w.t('subscribe.lede')}</p>

      <section aria-labelledby="email">
        <h2 id="email">{w.t('subscribe.email')}</h2>
        {signup ? (
          <form className="signup" action={signup.action} method={signup.method}>
            <p>
              <label htmlFor="signup-email">{w.t('subscribe.address')}</label>
              <input id="signup-email" name={signup.fields.email.name} type="email" required autoComplete="email" maxLength={signup.fields.email.maxLength} />
            </p>
            <fieldset>
              <legend>{w.t('subscribe.components')}</legend>
              {signup.fields.components.options.map((option) => (
                <label key={option.value}>
                  <input type="checkbox" name={signup.fields.components.name} value={option.value} /> {option.label}
                  {option.group && <span className="muted"> ({option.group})</span>}
                </label>
              ))}
            </fieldset>
            <p className="hp" aria-hidden="true">
              <label htmlFor="signup-website">{w.t('subscribe.honeypot')}</label>
              <input id="signup-website" name={signup.fields.honeypot.name} type="text" tabIndex={-1} autoComplete="off" />
            </p>
            <p>
              <button type="submit">{w.t('layout.subscribe')}</button>
            </p>
            <p className="muted">{w.t('subscribe.confirm')}</p>
          </form>
        ) : (
          <p>{w.t('subscribe.noEmail')}</p>
        )}
      </section>

      <section aria-labelledby="feeds">
        <h2 id="feeds">{w.t('subscribe.feeds')}</h2>
        <ul className="lines">
          <li className="line">
            <a href={feeds.rss}>{w.t('subscribe.rss')}</a>
          </li>
          <li className="line">
            <Say w={w} k="subscribe.calendar" vars={{ calendar: <a href={feeds.calendar.webcal}>{w.t('page.calendar')}</a>, download: <a href={feeds.calendar.https}>{w.t('subscribe.download')}</a> }} />
          </li>
          <li className="line">
            <Say w={w} k="subscribe.json" vars={{ json: <a href={feeds.json}>{w.t('subscribe.jsonLink')}</a> }} />
          </li>
        </ul>
        <h3>{w.t('subscribe.perComponent')}</h3>
        <ul className="lines">
          {feeds.components.map((c) => (
            <li key={c.id} className="line" id={`subscribe-${c.id}`}>
              <span>{c.name}</span>
              <span className="meta">
                <a href={c.rss}>RSS</a>
                <a href={c.calendar}>{w.t('page.calendar')}</a>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="webhooks">
        <h2 id="webhooks">{w.t('subscribe.webhooks')}</h2>
        <p>
          <Say w={w} k="subscribe.webhooksLede" vars={{ payload: <>{w.t('subscribe.payload')}</> }} apart />
        </p>
        <ul>
          {chats.map((chat) => (
            <li key={chat.id}>
              <Say w={w} k="subscribe.chat" vars={{ chat: chat.name, what: w.t(chat.needs) }} apart />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
