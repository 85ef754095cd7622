"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { asApiError, FormError } from "@/components/settings/api-state";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { api } from "@/lib/api-client";
import type { TopicDto } from "@/lib/topics/schemas";
import { keyFromName } from "./topic-api";

export function CreateTopic({ appId }: { appId: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [key, setKey] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [defaultOptIn, setDefaultOptIn] = useState(true);
  const effectiveKey = key ?? keyFromName(name);
  const create = useMutation({
    mutationFn: () =>
      api<TopicDto>("/api/v1/topics", {
        appId,
        body: { key: effectiveKey, name, description: description.trim() || null, defaultOptIn },
      }),
    onSuccess: async () => {
      setName("");
      setKey(null);
      setDescription("");
      setDefaultOptIn(true);
      await queryClient.invalidateQueries({ queryKey: ["apps", appId] });
    },
  });
  const error = asApiError(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Card>
      <CardHeader
        title="Add a topic"
        description="Topics let subscribers choose what they hear about; a campaign on a topic skips whoever opted out."
      />
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <InputField
              label="Name"
              value={name}
              maxLength={80}
              placeholder="Order updates"
              error={error?.fieldError("name")}
              onChange={(event) => setName(event.target.value)}
              required
            />
            <InputField
              label="Key"
              value={effectiveKey}
              maxLength={64}
              placeholder="order-updates"
              className="font-mono"
              hint="What your servers and the SDK send. It cannot change later."
              error={error?.fieldError("key")}
              onChange={(event) => setKey(event.target.value)}
              required
            />
          </div>
          <InputField
            label="Description"
            value={description}
            maxLength={280}
            placeholder="Shipping and delivery news (shown in your preference center)"
            error={error?.fieldError("description")}
            onChange={(event) => setDescription(event.target.value)}
          />
          <Switch
            checked={defaultOptIn}
            onChange={setDefaultOptIn}
            label="Subscribed by default"
            description="Subscribers who never chose get these pushes. Turn off for opt-in-only topics such as “New arrivals”."
          />
          <FormError error={error} />
          <Button
            type="submit"
            isLoading={create.isPending}
            disabled={!name.trim() || !effectiveKey}
          >
            Add topic
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
