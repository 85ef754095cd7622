import type { Metadata } from "next";
import { EditCampaign } from "@/components/campaign-composer/edit-campaign";
import { loadComposerContext } from "../../composer-context";

export const metadata: Metadata = { title: "Edit campaign" };

export default async function EditCampaignPage({
  params,
}: {
  params: Promise<{ appId: string; campaignId: string }>;
}) {
  const { appId, campaignId } = await params;
  const context = await loadComposerContext(appId);
  return <EditCampaign appId={appId} campaignId={campaignId} {...context} />;
}
