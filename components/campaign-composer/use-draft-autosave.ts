"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { type CampaignDto, campaignKeys, campaignPath } from "@/components/campaigns/campaign-api";
import { asApiError } from "@/components/settings/api-state";
import { api } from "@/lib/api-client";
import {
  type CampaignBody,
  type CampaignDraft,
  toCreateBody,
  toUpdateBody,
} from "./campaign-draft";
import type { FieldErrors } from "./draft-validation";
import { validateDraft } from "./draft-validation";

export type SaveStatus =
  | { kind: "unsaved" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: number | null }
  | { kind: "invalid"; problems: number }
  | { kind: "failed"; message: string }
  | { kind: "locked"; message: string };

/** After the last keystroke, how long to wait before saving. */
const debounceMs = 900;

const bodyKey = (draft: CampaignDraft) => JSON.stringify(toCreateBody(draft));

/**
 * Saves the draft as the marketer types: a debounced POST (the first time)
 * or PATCH, one request at a time, the newest draft always last. Invalid
 * drafts are not sent; the schema's complaints are shown instead. `flush`
 * saves now (before a launch) and answers the campaign id once saved.
 */
export function useDraftAutosave({
  appId,
  initialCampaignId,
  draft,
  onCreated,
}: {
  appId: string;
  initialCampaignId: string | null;
  draft: CampaignDraft;
  onCreated: (campaignId: string) => void;
}) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>(
    initialCampaignId ? { kind: "saved", at: null } : { kind: "unsaved" },
  );
  // The server's refusal holds for the body it refused: once the draft has
  // changed it is stale (the next save says again what is still wrong).
  const [serverErrors, setServerErrors] = useState<{ key: string; fields: FieldErrors } | null>(
    null,
  );
  const campaignId = useRef(initialCampaignId);
  const [savedId, setSavedId] = useState(initialCampaignId);
  // What the server holds, as a body: an unchanged draft is never re-sent.
  const savedBody = useRef<CampaignBody | null>(initialCampaignId ? toCreateBody(draft) : null);
  const savedKey = useRef<string | null>(
    savedBody.current ? JSON.stringify(savedBody.current) : null,
  );
  const latest = useRef(draft);
  latest.current = draft;
  const inFlight = useRef<Promise<string | null> | null>(null);

  const saveNow = useCallback(async (): Promise<string | null> => {
    while (inFlight.current) await inFlight.current;
    const { body, errors } = validateDraft(latest.current);
    if (errors) {
      setStatus({ kind: "invalid", problems: errors.size });
      return null;
    }
    const key = JSON.stringify(body);
    if (key === savedKey.current && campaignId.current) {
      setStatus((current) =>
        current.kind === "saved" ? current : { kind: "saved", at: Date.now() },
      );
      return campaignId.current;
    }
    setStatus({ kind: "saving" });
    const run = (async () => {
      try {
        const change = toUpdateBody(body, savedBody.current);
        if (campaignId.current && Object.keys(change).length > 0) {
          const updated = await api<CampaignDto>(campaignPath(campaignId.current), {
            appId,
            method: "PATCH",
            body: change,
          });
          queryClient.setQueryData(campaignKeys.detail(appId, updated.id), updated);
        } else if (!campaignId.current) {
          const created = await api<CampaignDto>("/api/v1/campaigns", { appId, body });
          campaignId.current = created.id;
          setSavedId(created.id);
          queryClient.setQueryData(campaignKeys.detail(appId, created.id), created);
          onCreated(created.id);
        }
        savedKey.current = key;
        savedBody.current = body;
        setServerErrors(null);
        const isCurrent = bodyKey(latest.current) === key;
        setStatus(isCurrent ? { kind: "saved", at: Date.now() } : { kind: "pending" });
        void queryClient.invalidateQueries({
          queryKey: campaignKeys.all(appId),
          refetchType: "none",
        });
        return campaignId.current;
      } catch (error) {
        const apiError = asApiError(error);
        if (apiError?.status === 409) {
          setStatus({ kind: "locked", message: apiError.message });
          return null;
        }
        const fields = new Map<string, string>();
        for (const field of apiError?.fields ?? []) {
          if (!fields.has(field.field)) fields.set(field.field, field.detail);
        }
        setServerErrors(fields.size ? { key, fields } : null);
        setStatus({ kind: "failed", message: apiError?.message ?? "Could not save" });
        return null;
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [appId, onCreated, queryClient]);

  const key = bodyKey(draft);
  useEffect(() => {
    if (key === savedKey.current) return;
    setStatus((current) => (current.kind === "locked" ? current : { kind: "pending" }));
    const timer = setTimeout(() => void saveNow(), debounceMs);
    return () => clearTimeout(timer);
  }, [key, saveNow]);

  // Leaving with unsaved edits asks first; the browser words the question.
  const hasUnsaved = key !== savedKey.current || status.kind === "saving";
  useEffect(() => {
    if (!hasUnsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [hasUnsaved]);

  return {
    campaignId: savedId,
    status,
    serverErrors: serverErrors?.key === key ? serverErrors.fields : null,
    flush: saveNow,
  };
}
