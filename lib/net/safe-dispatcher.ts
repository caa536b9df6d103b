import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector } from "undici";
import { allowPrivateTargets, deliveryConfig } from "@/lib/config";
import { nonPublicAddressReason } from "@/lib/net/ip-ranges";

// SSRF guard at connect time (docs/architecture.md, "Security"): the connector resolves the host,
// refuses if ANY address is non-public, and connects to the address it vetted, so there is no
// second lookup and no DNS-rebinding window. A failed lookup fails closed. Redirects are never
// followed (undici's Agent only follows them with the redirect interceptor, which we don't add).

export type ResolvedAddress = { address: string; family: number };
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export class BlockedTargetError extends Error {
  readonly code = "EBLOCKEDTARGET";
}

const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BlockedTargetError(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The first address of the host, once every address it resolves to is public; else throws. */
export async function resolvePublicAddress(
  hostname: string,
  lookup: LookupAll = systemLookup,
  timeoutMs = 10_000,
): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  const literalFamily = net.isIP(host);
  if (literalFamily !== 0) {
    addresses = [{ address: host, family: literalFamily }];
  } else {
    try {
      addresses = await withTimeout(lookup(host), timeoutMs, `DNS lookup of ${host} timed out: not delivered`);
    } catch (error) {
      if (error instanceof BlockedTargetError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new BlockedTargetError(`DNS lookup of ${host} failed (${code}): not delivered`);
    }
    if (addresses.length === 0) throw new BlockedTargetError(`DNS lookup of ${host} returned no address: not delivered`);
  }
  for (const { address } of addresses) {
    const reason = nonPublicAddressReason(address);
    if (reason) {
      const what = literalFamily !== 0 ? address : `${host} resolves to ${address}, which`;
      throw new BlockedTargetError(`${what} is not a public address (${reason}): blocked`);
    }
  }
  return addresses[0];
}

export type SafeDispatcherOptions = {
  /** Injected by tests; the system resolver otherwise. */
  lookup?: LookupAll;
  /** Read on every new connection, so WEBHOOK_ALLOW_PRIVATE applies without a restart. */
  allowPrivate?: () => boolean;
  connectTimeoutMs?: number;
  /** Defaults to DELIVERY_ENDPOINT_CONCURRENCY. */
  connectionsPerOrigin?: number;
};

export function createSafeDispatcher(options: SafeDispatcherOptions = {}): Agent {
  const lookup = options.lookup ?? systemLookup;
  const allowPrivate = options.allowPrivate ?? allowPrivateTargets;
  const timeout = options.connectTimeoutMs ?? deliveryConfig.timeoutMs();
  const baseConnect = buildConnector({ timeout });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    if (allowPrivate()) return baseConnect(connectOptions, callback);
    const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
    resolvePublicAddress(host, lookup, timeout).then(
      (vetted) =>
        baseConnect(
          // TLS still checks the certificate against the name the user gave.
          {
            ...connectOptions,
            hostname: vetted.address,
            servername: connectOptions.servername || (net.isIP(host) ? undefined : host),
          },
          callback,
        ),
      (error: Error) => callback(error, null),
    );
  };
  // Keep-alive pools per origin, as many connections as the engine lets requests be in flight
  // per endpoint: without the cap, a request sent the moment another finishes can find its
  // connection not yet released and open one more, and connecting costs more than a request.
  const connections = Math.max(1, options.connectionsPerOrigin ?? deliveryConfig.perEndpointConcurrency());
  return new Agent({ connect, connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, pipelining: 1 });
}

const globalDispatcher = globalThis as unknown as { __docuhooksSafeDispatcher?: Agent };

/** The process's shared delivery dispatcher (one keep-alive pool per endpoint origin). */
export function getSafeDispatcher(): Agent {
  return (globalDispatcher.__docuhooksSafeDispatcher ??= createSafeDispatcher());
}
