/// <reference lib="dom" />
/** GET a JSON document from the service that served the page (relative to the page URL). */
export async function fetchJson(path: string): Promise<unknown> {
  const url = new URL(path, window.location.href);
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url.pathname} answered HTTP ${res.status}`);
  return res.json();
}
