import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAppOverview } from "@/lib/apps/get-app-overview";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { app, role } = await requireMembership(appId);
  const canSetUp = can(role, "credentials:manage");
  const overview = await getAppOverview(appId);
  const tiles = [
    { label: "Subscribers", value: overview.subscribers },
    { label: "Active devices", value: overview.activeDevices },
    { label: "Campaigns", value: overview.campaigns },
    { label: "Pushes sent (30 days)", value: overview.sentLast30Days },
  ];
  return (
    <>
      <PageHeader title={app.name} description="Your audience and sends at a glance." />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {tiles.map((tile) => (
          <Card key={tile.label}>
            <CardBody>
              <p className="text-sm text-slate-500">{tile.label}</p>
              <p
                className="mt-1 text-2xl font-semibold tabular-nums"
                data-testid={`tile-${tile.label}`}
              >
                {tile.value.toLocaleString("en-US")}
              </p>
            </CardBody>
          </Card>
        ))}
      </div>
      {overview.activeDevices === 0 && canSetUp && (
        <Card className="mt-6">
          <CardHeader title="Get your first subscribers" />
          <CardBody className="space-y-2 text-sm text-slate-600">
            <p>
              Web push works out of the box: Herald generated VAPID keys for this app. For iOS and
              Android, upload your APNs key and Firebase service account under{" "}
              <Link
                className="font-medium text-brand-600"
                href={`/apps/${appId}/settings/credentials`}
              >
                Push credentials
              </Link>
              .
            </p>
            <p>
              Then create an{" "}
              <Link
                className="font-medium text-brand-600"
                href={`/apps/${appId}/settings/api-keys`}
              >
                API key
              </Link>{" "}
              to register devices from your servers.
            </p>
          </CardBody>
        </Card>
      )}
    </>
  );
}
