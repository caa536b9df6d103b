/** GETs one of our JSON routes; a failure becomes an Error with a message a person can act on. */
export async function fetchJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  } catch {
    throw new Error("Could not reach the server. Check your connection.");
  }
  if (response.status === 401) throw new Error("Your session ended. Sign in again.");
  if (response.status === 404) throw new Error("Not found: it may have been deleted.");
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}
