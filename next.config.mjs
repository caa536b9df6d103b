/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and pooled drivers stay out of the bundle: they are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "pg", "undici"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
