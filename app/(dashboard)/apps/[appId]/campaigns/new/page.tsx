import type { Metadata } from "next";
import { CampaignComposer } from "@/components/campaign-composer/campaign-composer";
import { loadComposerContext } from "../composer-context";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const context = await loadComposerContext(appId);
  return <CampaignComposer appId={appId} initial={null} {...context} />;
}
