"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { api } from "@/lib/api-client";
import type { TopicDto } from "@/lib/topics/schemas";

/** Rename a topic, describe it, or change its default; the key stays. */
export function EditTopicDialog({
  appId,
  topic,
  onClose,
}: {
  appId: string;
  topic: TopicDto;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(topic.name);
  const [description, setDescription] = useState(topic.description ?? "");
  const [defaultOptIn, setDefaultOptIn] = useState(topic.defaultOptIn);
  const save = useMutation({
    mutationFn: () =>
      api<TopicDto>(`/api/v1/topics/${topic.id}`, {
        appId,
        method: "PATCH",
        body: { name, description: description.trim() || null, defaultOptIn },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["apps", appId] });
      onClose();
    },
  });
  const error = asApiError(save.error);
  return (
    <ConfirmDialog
      open
      tone="primary"
      title={`Edit “${topic.name}”`}
      description={
        <>
          Key <code className="font-mono">{topic.key}</code>
        </>
      }
      confirmLabel="Save topic"
      isLoading={save.isPending}
      confirmDisabled={!name.trim()}
      error={error && !error.fields.length ? error.message : null}
      onConfirm={() => save.mutate()}
      onClose={onClose}
    >
      <div className="space-y-4">
        <InputField
          label="Name"
          value={name}
          maxLength={80}
          error={error?.fieldError("name")}
          onChange={(event) => setName(event.target.value)}
        />
        <InputField
          label="Description"
          value={description}
          maxLength={280}
          error={error?.fieldError("description")}
          onChange={(event) => setDescription(event.target.value)}
        />
        <Switch
          checked={defaultOptIn}
          onChange={setDefaultOptIn}
          label="Subscribed by default"
          description="Applies at once to every subscriber who never chose."
        />
      </div>
    </ConfirmDialog>
  );
}
