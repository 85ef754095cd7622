import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { OverviewDashboard } from "@/components/analytics/overview-dashboard";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listFilterOptions } from "@/lib/analytics/list-filter-options";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

function GetStartedCard({ appId }: { appId: string }) {
  return (
    <Card>
      <CardHeader title="Get your first subscribers" />
      <CardBody className="space-y-2 text-sm text-slate-600">
        <p>
          Web push works out of the box: Herald generated VAPID keys for this app. For iOS and
          Android, upload your APNs key and Firebase service account under{" "}
          <Link className="font-medium text-brand-600" href={`/apps/${appId}/settings/credentials`}>
            Push credentials
          </Link>
          .
        </p>
        <p>
          Then create an{" "}
          <Link className="font-medium text-brand-600" href={`/apps/${appId}/settings/api-keys`}>
            API key
          </Link>{" "}
          to register devices from your servers.
        </p>
      </CardBody>
    </Card>
  );
}

export default async function OverviewPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { app, role } = await requireMembership(appId);
  const { segments } = await listFilterOptions(appId);
  return (
    <>
      <PageHeader
        title={app.name}
        description="Your pushes, what they achieved and your audience, over the period you pick."
        actions={
          <Link
            href={`/apps/${appId}/analytics`}
            className="text-sm font-medium text-brand-600 hover:text-brand-700"
          >
            Campaign analytics →
          </Link>
        }
      />
      <Suspense>
        <OverviewDashboard
          appId={appId}
          segments={segments}
          emptyAudience={can(role, "credentials:manage") ? <GetStartedCard appId={appId} /> : null}
        />
      </Suspense>
    </>
  );
}
