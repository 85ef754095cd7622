"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { api } from "@/lib/api-client";
import { segmentDefinitionSchema } from "@/lib/segments/definition";
import type { SegmentDto } from "@/lib/segments/segment-dto";
import { AudiencePreview } from "./audience-preview";
import { DeleteSegmentButton } from "./delete-segment-button";
import type { ConditionDraft, GroupDraft, NodeDraft } from "./draft";
import { buildFieldOptions } from "./field-options";
import { type BuilderContext, GroupEditor } from "./group-editor";
import { type DefinitionError, errorsByNode } from "./node-errors";
import { segmentKeys, useSegmentFields, useSegmentNames, useSegmentPreview } from "./segment-api";
import { toDefinition } from "./to-definition";
import { appendChild, nodePaths, removeNode, replaceNode } from "./tree";
import { useDebouncedValue } from "./use-debounced-value";
import { UsedBy } from "./used-by";
import "@/lib/zod-messages";

export interface SegmentFormInitial {
  name: string;
  description: string;
  root: GroupDraft;
}

/**
 * The segment builder: name and description, the condition tree, and a live
 * count beside it. Checks the definition with the API's own schema as you
 * type (quiet hints; red after a save attempt or when the server objects),
 * and counts it once it is complete and you pause.
 */
export function SegmentForm({
  appId,
  segment,
  initial,
  canWrite,
}: {
  appId: string;
  /** The saved segment being edited; null for a new one. */
  segment: SegmentDto | null;
  initial: SegmentFormInitial;
  canWrite: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [root, setRoot] = useState(initial.root);
  const [newIds, setNewIds] = useState<ReadonlySet<string>>(new Set());
  const [isSubmitted, setSubmitted] = useState(false);
  const [savedSnapshot, setSavedSnapshot] = useState(() =>
    JSON.stringify([initial.name, initial.description, toDefinition(initial.root)]),
  );
  const fields = useSegmentFields(appId);
  const segmentNames = useSegmentNames(appId);

  const definition = useMemo(() => toDefinition(root), [root]);
  const definitionJson = JSON.stringify(definition);
  const validation = useMemo(() => segmentDefinitionSchema.safeParse(definition), [definition]);
  const isDirty = JSON.stringify([name, description, definition]) !== savedSnapshot;

  const save = useMutation({
    mutationFn: (body: {
      name: string;
      description: string;
      definition: Record<string, unknown>;
    }) => {
      const payload = { ...body, description: body.description.trim() || null };
      return segment
        ? api<SegmentDto>(`/api/v1/segments/${segment.id}`, {
            appId,
            method: "PATCH",
            body: payload,
          })
        : api<SegmentDto>("/api/v1/segments", { appId, body: payload });
    },
    onSuccess: async (saved, body) => {
      setSavedSnapshot(JSON.stringify([body.name, body.description, body.definition]));
      queryClient.setQueryData(segmentKeys.detail(appId, saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all(appId) });
      if (!segment) router.replace(`/apps/${appId}/segments/${saved.id}`);
    },
  });
  const saveError = asApiError(save.error);
  // The server's verdict holds for the definition it was sent, until that is edited.
  const judgedDefinition = save.variables ? JSON.stringify(save.variables.definition) : null;

  const errors = useMemo<DefinitionError[]>(() => {
    const local = validation.success
      ? []
      : validation.error.issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          message:
            issue.code === "unrecognized_keys"
              ? `Unknown field: ${issue.keys.join(", ")}`
              : issue.message,
          isLoud: isSubmitted,
        }));
    const remote =
      saveError && judgedDefinition === definitionJson
        ? saveError.fields
            .filter((field) => field.field.startsWith("definition."))
            .map((field) => ({
              path: field.field.slice("definition.".length),
              message: field.detail,
              isLoud: true,
            }))
        : [];
    return [...local, ...remote];
  }, [validation, isSubmitted, saveError, judgedDefinition, definitionJson]);

  const paths = useMemo(() => nodePaths(root), [root]);
  const errorsFor = useMemo(() => errorsByNode(errors, paths), [errors, paths]);
  const incompleteCount = [...paths.keys()].filter(
    (nodeId) => errorsFor(nodeId).messages.length,
  ).length;

  const settled = useDebouncedValue(validation.success ? definitionJson : null, 400);
  const preview = useSegmentPreview(appId, validation.success ? settled : null);

  const options = useMemo(
    () =>
      buildFieldOptions(
        fields.data,
        (segmentNames.data ?? []).filter((entry) => entry.id !== segment?.id),
      ),
    [fields.data, segmentNames.data, segment?.id],
  );

  const context: BuilderContext = {
    options,
    segmentNames: new Map((segmentNames.data ?? []).map((entry) => [entry.id, entry.name])),
    fields: fields.data,
    errorsFor,
    isNew: (nodeId) => newIds.has(nodeId),
    update: (nodeId, patch) =>
      setRoot((current) =>
        replaceNode(current, nodeId, (node) => ({ ...node, ...patch }) as NodeDraft),
      ),
    replace: (nodeId, node) => setRoot((current) => replaceNode(current, nodeId, () => node)),
    remove: (nodeId) => setRoot((current) => removeNode(current, nodeId)),
    add: (groupId, node) => {
      const firstCondition =
        node.kind === "condition"
          ? node
          : node.children.find((child): child is ConditionDraft => child.kind === "condition");
      if (firstCondition) setNewIds(new Set([firstCondition.id]));
      setRoot((current) => appendChild(current, groupId, node));
    },
  };

  const submit = useCallback(() => {
    setSubmitted(true);
    if (!canWrite || !name.trim()) return;
    const current = toDefinition(root);
    if (segmentDefinitionSchema.safeParse(current).success) {
      save.mutate({ name, description, definition: current });
    }
  }, [canWrite, name, description, root, save]);

  // ⌘S / Ctrl+S saves, as in every editor.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        submit();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [submit]);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty]);

  const nameError =
    saveError?.fieldError("name") ??
    (isSubmitted && !name.trim() ? "Give the segment a name" : undefined);
  const formError = saveError && !saveError.fields.length ? saveError.message : null;

  return (
    <>
      <PageHeader
        title={segment ? segment.name : "New segment"}
        description={
          <Link href={`/apps/${appId}/segments`} className="hover:text-slate-700">
            ← All segments
          </Link>
        }
        actions={
          <>
            {segment && canWrite && (
              <Link
                href={`/apps/${appId}/segments/new?from=${segment.id}`}
                className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
              >
                Duplicate
              </Link>
            )}
            {segment && canWrite && <DeleteSegmentButton appId={appId} segment={segment} />}
            {canWrite && (
              <Button
                onClick={submit}
                isLoading={save.isPending}
                disabled={segment !== null && !isDirty}
              >
                {segment ? (isDirty ? "Save changes" : "Saved") : "Save segment"}
              </Button>
            )}
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {formError && <Alert tone="error">{formError}</Alert>}
          {save.isSuccess && !isDirty && <Alert tone="success">Segment saved.</Alert>}
          <Card>
            <CardBody className="grid gap-4 sm:grid-cols-2">
              <InputField
                label="Name"
                value={name}
                maxLength={80}
                placeholder="Loyal French buyers"
                error={nameError}
                disabled={!canWrite}
                onChange={(event) => setName(event.target.value)}
              />
              <InputField
                label="Description"
                value={description}
                maxLength={280}
                placeholder="Optional: who they are and why"
                error={saveError?.fieldError("description")}
                disabled={!canWrite}
                onChange={(event) => setDescription(event.target.value)}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Conditions"
              description="Combine profile, device, event and engagement conditions; groups nest up to five deep."
            />
            <CardBody>
              <fieldset disabled={!canWrite} className="min-w-0">
                <legend className="sr-only">Conditions</legend>
                <GroupEditor group={root} depth={1} context={context} />
              </fieldset>
            </CardBody>
          </Card>
        </div>
        <div className="space-y-6 lg:sticky lg:top-6">
          <AudiencePreview
            appId={appId}
            preview={preview.data}
            isFetching={preview.isFetching}
            error={preview.error}
            incompleteCount={validation.success ? 0 : Math.max(1, incompleteCount)}
          />
          {segment && <UsedBy appId={appId} usage={segment.usedBy} />}
        </div>
      </div>
    </>
  );
}
