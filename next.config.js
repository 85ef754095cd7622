/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test run builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.HERALD_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native or dynamic requires stay out of the bundle.
  serverExternalPackages: [
    "pino",
    "pg",
    "bullmq",
    "ioredis",
    "web-push",
    "firebase-admin",
    "@parse/node-apn",
    "@prisma/adapter-pg",
  ],
  // `npm test` runs `tsc --noEmit` over the whole tree once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // The hottest endpoints (events, and the receipt every web push sends) are
  // served by Pages API routes that run the same route wrappers at half
  // Next's per-request cost (lib/http/node-route.ts).
  async rewrites() {
    return {
      beforeFiles: [
        { source: "/api/v1/events", destination: "/api/hot/v1/events" },
        {
          source: "/api/v1/sdk/:publicId/receipts",
          destination: "/api/hot/v1/sdk/:publicId/receipts",
        },
      ],
    };
  },
};

export default nextConfig;
