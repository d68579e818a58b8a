/** A route handler's answer for a built file: its bytes with their type, or a 404 when there is none. */
export function fileResponse(body: string | null, type: string): Response {
  if (body === null) return new Response('Not found', { status: 404 });
  return new Response(body, { headers: { 'Content-Type': type } });
}

export const types = {
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
};
