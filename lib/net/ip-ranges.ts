import net from "node:net";

// Address classes a webhook may never reach (SSRF): loopback, private, link-local, CGNAT,
// multicast, reserved, documentation, cloud metadata, and the IPv6 forms of all of them.

const blocked = new net.BlockList();
const V4_RANGES: [string, number, string][] = [
  ["0.0.0.0", 8, "reserved (this network)"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved (IETF)"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved (6to4 relay)"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved (benchmarking)"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const V6_RANGES: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "reserved (local NAT64)"],
  ["100::", 64, "reserved (discard)"],
  ["2001::", 23, "reserved (IETF)"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "private (unique local)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "reserved (site-local)"],
  ["ff00::", 8, "multicast"],
];
const reasons: { list: net.BlockList; reason: string }[] = [];
for (const [address, prefix, reason] of V4_RANGES) {
  blocked.addSubnet(address, prefix, "ipv4");
  const one = new net.BlockList();
  one.addSubnet(address, prefix, "ipv4");
  reasons.push({ list: one, reason });
}
for (const [address, prefix, reason] of V6_RANGES) {
  blocked.addSubnet(address, prefix, "ipv6");
  const one = new net.BlockList();
  one.addSubnet(address, prefix, "ipv6");
  reasons.push({ list: one, reason });
}

/** Strips brackets and a zone id: "[fe80::1%eth0]" -> "fe80::1". */
function bare(address: string): string {
  return address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
}

function v6ToBytes(address: string): number[] | undefined {
  // Expand an IPv6 literal (possibly with a dotted IPv4 tail) to 16 bytes.
  let text = address.toLowerCase();
  const v4Tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4Tail) {
    const parts = v4Tail[1].split(".").map(Number);
    text =
      text.slice(0, -v4Tail[1].length) +
      ((parts[0] << 8) | parts[1]).toString(16) +
      ":" +
      ((parts[2] << 8) | parts[3]).toString(16);
  }
  const [head, tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (text.includes("::") ? missing < 0 : missing !== 0) return undefined;
  const groups = [...headGroups, ...Array(text.includes("::") ? missing : 0).fill("0"), ...tailGroups];
  const bytes: number[] = [];
  for (const group of groups) {
    const value = parseInt(group, 16);
    if (!/^[0-9a-f]{1,4}$/.test(group) || Number.isNaN(value)) return undefined;
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

/**
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and
 * 6to4 (2002:AABB:CCDD::) addresses reach an IPv4 host: judge them by that IPv4 address.
 */
export function embeddedIPv4(address: string): string | undefined {
  const bytes = v6ToBytes(bare(address));
  if (!bytes) return undefined;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const v4 = (offset: number) => bytes.slice(offset, offset + 4).join(".");
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12);
  if (zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && bytes[15] === 1)) return v4(12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return v4(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2);
  return undefined;
}

/** Why the IP literal is not a public address, or undefined when it is public. */
export function nonPublicAddressReason(address: string): string | undefined {
  const ip = bare(address);
  const family = net.isIP(ip);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const v4 = embeddedIPv4(ip);
    if (v4) return nonPublicAddressReason(v4);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (!blocked.check(ip, type)) return undefined;
  return reasons.find((r) => r.list.check(ip, type))?.reason ?? "reserved";
}

export function isPublicAddress(address: string): boolean {
  return nonPublicAddressReason(address) === undefined;
}
