import { headers } from "next/headers";

/**
 * The CSP nonce of this page request, for an inline script of our own: the proxy puts the
 * page's Content-Security-Policy on the request, where Next also finds it. undefined when the
 * request carries no nonce (then no policy asks for one).
 */
export async function requestNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return policy.match(/'nonce-([^']+)'/)?.[1];
}
