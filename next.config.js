/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `npm run typecheck` checks the whole project once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // No advertising the framework. The security headers (CSP, cross-origin isolation, ...) are set by
  // server/index.ts on every response, Next.js's and the server's own: server/http/security-headers.ts.
  poweredByHeader: false,
};

export default nextConfig;
