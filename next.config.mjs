/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and pooled drivers stay out of the bundle: they are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "pg", "undici"],
  poweredByHeader: false,
  reactStrictMode: true,
  // scripts/test.sh runs `tsc --noEmit` over the whole tree first, then builds without
  // checking the same types a second time.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
};

export default nextConfig;
