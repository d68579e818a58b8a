import type { Site } from '../content';
import type { Key } from '../i18n';

/** The fields of the sign-up form, for the Subscribe page (the honeypot must stay empty: bots fill it). */
export const formFields = { email: 'email', component: 'component', honeypot: 'website' } as const;

/**
 * What the Subscribe page shows, as data: the sign-up form (when a sign-up service runs), the feeds, the
 * calendar and the JSON API, site-wide and per component, and the webhook and chat formats Outpost sends.
 * Pure: the page component renders it; nothing here knows about React.
 */
export function subscribePageData(site: Pick<Site, 'url' | 'name' | 'components' | 'groups' | 'notifications'>) {
  const base = site.url;
  const host = new URL(base).host;
  const signupUrl = site.notifications?.signupUrl ?? null;
  return {
    /** Null when no sign-up service runs: the page then says so and offers feeds and webhooks only. */
    signup: signupUrl
      ? {
          action: `${signupUrl}/`,
          method: 'post' as const,
          fields: {
            email: { name: formFields.email, type: 'email', required: true, autocomplete: 'email', maxLength: 254 },
            components: {
              name: formFields.component,
              /** None ticked means the whole page. */
              options: site.components.map((c) => ({ value: c.id, label: c.name, group: site.groups.find((g) => g.id === c.group)?.name ?? null })),
            },
            /** Hidden from people (off-screen, aria-hidden, tabindex -1); a bot that fills it is ignored. */
            honeypot: { name: formFields.honeypot },
          },
        }
      : null,
    feeds: {
      rss: `${base}/feed.xml`,
      calendar: { https: `${base}/maintenance.ics`, webcal: `webcal://${host}/maintenance.ics` },
      json: `${base}/api/v2/summary.json`,
      components: site.components.map((c) => ({
        id: c.id,
        name: c.name,
        rss: `${base}/components/${c.id}/feed.xml`,
        calendar: `webcal://${host}/components/${c.id}/maintenance.ics`,
      })),
    },
    /** Webhooks and chat are added by the operator (`outpost subscribers add`); the page explains how to ask, in the site's words. */
    chats: [
      { id: 'slack', name: 'Slack', needs: 'subscribe.slack' },
      { id: 'discord', name: 'Discord', needs: 'subscribe.discord' },
      { id: 'teams', name: 'Microsoft Teams', needs: 'subscribe.teams' },
      { id: 'googlechat', name: 'Google Chat', needs: 'subscribe.googlechat' },
    ] satisfies { id: string; name: string; needs: Key }[],
  };
}
