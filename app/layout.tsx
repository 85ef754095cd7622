import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

// Every screen depends on who is signed in; nothing is worth prerendering.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Herald", template: "%s · Herald" },
  description: "Self-hosted push notifications: campaigns, segments, A/B tests and analytics.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
