"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { type CampaignDto, useAttributeNames } from "@/components/campaigns/campaign-api";
import { type LaunchableCampaign, LaunchDialog } from "@/components/campaigns/launch-dialog";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/skeleton";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { platformLimits } from "@/lib/push/limits";
import { type AttributeOption, builtInAttributes } from "./attribute-picker";
import { AudienceSection } from "./audience-section";
import { CampaignBasics } from "./campaign-basics";
import {
  type CampaignDraft,
  fromCampaign,
  newCampaignDraft,
  variantLetters,
} from "./campaign-draft";
import { type ContentScope, type PlatformKey, platformKeys, toContent } from "./content-draft";
import { mergeErrors, validateDraft } from "./draft-validation";
import { ExperimentSection } from "./experiment-section";
import { MessageCard } from "./message-card";
import { PreviewPanel } from "./preview-panel";
import { ProblemList } from "./problem-list";
import { SaveIndicator } from "./save-indicator";
import { ScheduleSection } from "./schedule-section";
import { TestPushDialog } from "./test-push-dialog";
import { TriggerSection } from "./trigger-section";
import { useDebouncedValue } from "./use-debounced-value";
import { useDraftAutosave } from "./use-draft-autosave";
import { useRenderedPreview } from "./use-rendered-preview";

/** Where a field path lives on screen: which variant, which platform tab. */
function locate(path: string): { variant: number | null; scope: ContentScope | null } {
  const parts = path.split(".");
  if (parts[0] !== "variants") return { variant: null, scope: null };
  const variant = Number(parts[1]);
  const platform = parts.find(
    (part, index) =>
      (platformKeys as readonly string[]).includes(part) &&
      (parts[index - 1] === "overrides" || parts[index - 1] === "content"),
  );
  return {
    variant: Number.isFinite(variant) ? variant : null,
    scope: (platform as PlatformKey | undefined) ?? "base",
  };
}

type ComposerProps = {
  appId: string;
  appName: string;
  webOrigin: string;
  initial: CampaignDto | null;
  canLaunch: boolean;
};

const subscribeToNothing = () => () => {};

/**
 * A new draft's defaults (tomorrow's date, the next hour, the viewer's time
 * zone) exist only in the browser: the server renders a placeholder, so the
 * page never hydrates with the server's clock and zone.
 */
export function CampaignComposer(props: ComposerProps) {
  const isBrowser = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  if (!isBrowser) {
    return (
      <Card>
        <LoadingRows rows={8} label="Opening the composer…" />
      </Card>
    );
  }
  return <Composer {...props} />;
}

/**
 * The campaign composer: a form on the left (campaign, audience, message and
 * its variants, A/B test, schedule), live previews and the byte counter on the
 * right, and a bar that autosaves, sends tests and launches.
 */
function Composer({ appId, appName, webOrigin, initial, canLaunch }: ComposerProps) {
  const router = useRouter();
  const [draft, setDraft] = useState<CampaignDraft>(() =>
    initial ? fromCampaign(initial) : newCampaignDraft(),
  );
  const [activeVariant, setActiveVariant] = useState(0);
  const [scope, setScope] = useState<ContentScope>("base");
  const [previewDevice, setPreviewDevice] = useState<PlatformKey>("ios");
  const [subscriber, setSubscriber] = useState<string | null>(null);
  const [isLaunchAttempted, setLaunchAttempted] = useState(false);
  const [isTestOpen, setTestOpen] = useState(false);
  const [isLaunchOpen, setLaunchOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const timingRef = useRef<HTMLDivElement>(null);

  const update = useCallback(
    (patch: Partial<CampaignDraft>) => setDraft((current) => ({ ...current, ...patch })),
    [],
  );
  const onCreated = useCallback(
    (id: string) => {
      // Same page, new address: a reload (or a shared link) opens this draft.
      window.history.replaceState(null, "", `/apps/${appId}/campaigns/${id}/edit`);
    },
    [appId],
  );
  const autosave = useDraftAutosave({
    appId,
    initialCampaignId: initial?.id ?? null,
    draft,
    onCreated,
  });

  // Problems show once typing pauses, not at every keystroke of a half-typed URL.
  const settledDraft = useDebouncedValue(draft, 600);
  const isPristine = !initial && autosave.campaignId === null && !isLaunchAttempted;
  const localErrors = useMemo(
    () => validateDraft(settledDraft, { isPristine }).errors,
    [settledDraft, isPristine],
  );
  const errors = useMemo(
    () => mergeErrors(autosave.serverErrors, localErrors),
    [autosave.serverErrors, localErrors],
  );
  const errorFor = useCallback((path: string) => errors.get(path), [errors]);

  const variant = draft.variants[activeVariant] ?? draft.variants[0];
  const content = useMemo(() => (variant ? toContent(variant.content) : {}), [variant]);
  const preview = useRenderedPreview(appId, content, subscriber);
  const targeted = draft.audience.platforms;
  const device = scope === "base" ? previewDevice : scope;

  // The picker offers the built-ins, the attributes seen on this app's subscribers, and the preview subscriber's own.
  const attributeNames = useAttributeNames(appId);
  const attributes = useMemo<AttributeOption[]>(() => {
    const known = new Set(builtInAttributes.map((option) => option.variable));
    const names = [
      ...(attributeNames.data ?? []),
      ...Object.keys(preview.rendered?.subscriber?.attributes ?? {}),
    ];
    const own = [...new Set(names)]
      .filter((key) => !known.has(key) && /^[A-Za-z_]\w*$/.test(key))
      .map((key) => ({ variable: key, label: key.replaceAll("_", " ") }));
    return [...builtInAttributes, ...own];
  }, [attributeNames.data, preview.rendered]);

  // Ctrl/⌘+S saves now instead of opening the browser's "save page".
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void autosave.flush();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [autosave.flush]);

  function trimButtons(platform: PlatformKey) {
    const index = activeVariant;
    setDraft((current) => ({
      ...current,
      variants: current.variants.map((entry, at) => {
        if (at !== index) return entry;
        const base = entry.content.base.actions ?? [];
        const overrides = entry.content.overrides;
        return {
          ...entry,
          content: {
            ...entry.content,
            overrides: {
              ...overrides,
              [platform]: {
                ...overrides[platform],
                actions: base
                  .slice(0, platformLimits[platform].actions)
                  .map((action) => ({ ...action })),
              },
            },
          },
        };
      }),
    }));
    setScope(platform);
  }

  function goTo(path: string) {
    if (/^(trigger|schedule|ttlSeconds|throttlePerMinute)\b/.test(path)) {
      timingRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
      return;
    }
    const { variant: index, scope: target } = locate(path);
    if (index !== null) {
      setActiveVariant(index);
      if (target) setScope(target);
      messageRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }

  const launchable = useMemo<LaunchableCampaign | null>(() => {
    if (!autosave.campaignId) return null;
    const parsed = createCampaignSchema.safeParse(validateDraft(draft).body);
    if (!parsed.success) return null;
    return {
      id: autosave.campaignId,
      name: parsed.data.name,
      category: parsed.data.category,
      audience: parsed.data.audience,
      topicId: parsed.data.topicId ?? null,
      schedule: parsed.data.schedule,
      throttlePerMinute: parsed.data.throttlePerMinute ?? null,
      experiment: parsed.data.experiment ?? null,
      trigger: parsed.data.trigger ?? null,
    };
  }, [autosave.campaignId, draft]);

  async function startLaunch() {
    setLaunchAttempted(true);
    setNotice(null);
    const id = await autosave.flush();
    if (id) setLaunchOpen(true);
  }

  const isTriggered = draft.category === "triggered";
  const isLocked = autosave.status.kind === "locked";
  const isLater = draft.schedule.type !== "now";
  const showProblems = isLaunchAttempted && errors.size > 0;
  const variantLabel =
    draft.variants.length > 1 ? `Variant ${variantLetters[activeVariant]}` : null;

  return (
    <>
      <PageHeader
        title={draft.name.trim() || (initial ? "Untitled campaign" : "New campaign")}
        description={
          <Link
            href={`/apps/${appId}/campaigns`}
            className="font-medium text-brand-600 hover:underline"
          >
            ← All campaigns
          </Link>
        }
      />
      <div className="grid gap-6 pb-28 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="min-w-0 space-y-6">
          <CampaignBasics
            name={draft.name}
            category={draft.category}
            onChange={update}
            errorFor={errorFor}
          />
          <AudienceSection
            appId={appId}
            audience={draft.audience}
            topicId={draft.topicId}
            onChange={update}
            errorFor={errorFor}
          />
          <div ref={messageRef} className="scroll-mt-6">
            <MessageCard
              variants={draft.variants}
              onVariantsChange={(variants) => update({ variants })}
              activeVariant={activeVariant}
              onActiveVariantChange={setActiveVariant}
              scope={scope}
              onScopeChange={(next) => {
                setScope(next);
                if (next !== "base") setPreviewDevice(next);
              }}
              errors={errors}
              attributes={attributes}
            />
          </div>
          {draft.variants.length > 1 && (
            <ExperimentSection draft={draft} onChange={update} errorFor={errorFor} />
          )}
          <div ref={timingRef} className="scroll-mt-6">
            {isTriggered ? (
              <TriggerSection appId={appId} draft={draft} onChange={update} errorFor={errorFor} />
            ) : (
              <ScheduleSection draft={draft} onChange={update} errorFor={errorFor} />
            )}
          </div>
        </div>
        {/* Sticky beside the form, scrolling on its own when taller than the window (above the bottom bar). */}
        <aside
          className="lg:sticky lg:top-6 lg:max-h-[calc(100vh-7.5rem)] lg:self-start lg:overflow-y-auto lg:rounded-xl"
          aria-label="Preview"
        >
          <PreviewPanel
            appId={appId}
            appName={appName}
            webOrigin={webOrigin}
            content={content}
            preview={preview}
            device={device}
            onDeviceChange={(next) => {
              setPreviewDevice(next);
              if (scope !== "base") setScope(next);
            }}
            targeted={targeted}
            subscriber={subscriber}
            onSubscriberChange={setSubscriber}
            onTrimButtons={trimButtons}
          />
        </aside>
      </div>
      <div
        className="fixed right-0 bottom-0 left-0 z-20 border-t border-slate-200 bg-white/95 backdrop-blur md:left-64"
        data-testid="composer-action-bar"
      >
        <div className="mx-auto max-w-6xl space-y-2 px-4 py-3 sm:px-6 lg:px-10">
          {showProblems && <ProblemList errors={errors} onGoTo={goTo} />}
          <div className="flex flex-wrap items-center gap-3">
            <div className="mr-auto min-w-0">
              <SaveIndicator status={autosave.status} hasVisibleErrors={errors.size > 0} />
              {notice && (
                <p role="status" className="text-sm text-emerald-700">
                  {notice}
                </p>
              )}
              {isLocked && autosave.campaignId && (
                <Link
                  href={`/apps/${appId}/campaigns/${autosave.campaignId}`}
                  className="text-sm font-medium text-brand-600"
                >
                  Open the campaign →
                </Link>
              )}
            </div>
            <Button variant="secondary" onClick={() => setTestOpen(true)} disabled={!canLaunch}>
              Send test push…
            </Button>
            {canLaunch ? (
              <Button
                onClick={() => void startLaunch()}
                disabled={isLocked || autosave.status.kind === "saving"}
              >
                {isTriggered ? "Activate…" : isLater ? "Schedule…" : "Review and send…"}
              </Button>
            ) : (
              <p className="text-sm text-slate-500">
                Your role can prepare drafts; a marketer or admin launches them.
              </p>
            )}
          </div>
        </div>
      </div>
      <TestPushDialog
        appId={appId}
        open={isTestOpen}
        onClose={() => setTestOpen(false)}
        onSent={(count) =>
          setNotice(
            `Test push sent to ${count} device${count === 1 ? "" : "s"}. It arrives in a few seconds.`,
          )
        }
        content={content}
        campaignName={draft.name.trim() || "Untitled campaign"}
        variantLabel={variantLabel}
      />
      {launchable && (
        <LaunchDialog
          appId={appId}
          campaign={launchable}
          open={isLaunchOpen}
          onClose={() => setLaunchOpen(false)}
          onLaunched={() => router.push(`/apps/${appId}/campaigns/${launchable.id}`)}
        />
      )}
    </>
  );
}
