"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { asApiError, QueryError } from "@/components/settings/api-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { TopicDto } from "@/lib/topics/schemas";
import { EditTopicDialog } from "./edit-topic-dialog";
import { useTopicList } from "./topic-api";

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function TopicsTable({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const topics = useTopicList(appId);
  const [editing, setEditing] = useState<TopicDto | null>(null);
  const [deleting, setDeleting] = useState<TopicDto | null>(null);
  const remove = useMutation({
    mutationFn: (topic: TopicDto) =>
      api<void>(`/api/v1/topics/${topic.id}`, { appId, method: "DELETE" }),
    onSuccess: async () => {
      setDeleting(null);
      await queryClient.invalidateQueries({ queryKey: ["apps", appId] });
    },
  });
  return (
    <Card>
      <CardHeader
        title="Topics"
        description="Each subscriber's choice wins; the default applies to those who never chose."
      />
      {topics.isPending ? (
        <LoadingRows rows={3} label="Loading topics…" />
      ) : topics.isError ? (
        <QueryError error={topics.error} onRetry={() => topics.refetch()} />
      ) : topics.data.data.length === 0 ? (
        <EmptyState
          title="No topics yet"
          description="Common ones: “Order updates” (on by default), “Deals”, “New arrivals” (opt-in only)."
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Topic</Th>
              <Th>Key</Th>
              <Th>Default</Th>
              <Th>Choices</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {topics.data.data.map((topic) => (
              <tr key={topic.id}>
                <Td>
                  <p className="font-medium text-slate-900">{topic.name}</p>
                  {topic.description && (
                    <p className="text-xs text-slate-500">{topic.description}</p>
                  )}
                </Td>
                <Td>
                  <code className="font-mono text-xs">{topic.key}</code>
                </Td>
                <Td>
                  {topic.defaultOptIn ? (
                    <Badge tone="green">Subscribed</Badge>
                  ) : (
                    <Badge tone="gray">Opt-in only</Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">
                  {integer.format(topic.optedIn)} in · {integer.format(topic.optedOut)} out
                  {topic.activeCampaignCount > 0 && (
                    <span className="ml-2">
                      <Badge tone="blue">
                        {topic.activeCampaignCount} active campaign
                        {topic.activeCampaignCount === 1 ? "" : "s"}
                      </Badge>
                    </span>
                  )}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  {canWrite && (
                    <>
                      <Button variant="ghost" size="sm" onClick={() => setEditing(topic)}>
                        Edit<span className="sr-only"> {topic.name}</span>
                      </Button>
                      <Button variant="ghost" size="sm" onClick={() => setDeleting(topic)}>
                        Delete<span className="sr-only"> {topic.name}</span>
                      </Button>
                    </>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing && (
        <EditTopicDialog appId={appId} topic={editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description={
          <p>
            Every subscriber's choice about it goes too. A campaign that has not finished and
            targets it must be changed first.
          </p>
        }
        confirmLabel="Delete topic"
        isLoading={remove.isPending}
        error={asApiError(remove.error)?.message}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Card>
  );
}
