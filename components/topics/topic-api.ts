"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { TopicDto } from "@/lib/topics/schemas";

export const topicKeys = {
  all: (appId: string) => ["apps", appId, "topics"] as const,
};

export function useTopicList(appId: string) {
  return useQuery({
    queryKey: topicKeys.all(appId),
    queryFn: () =>
      api<{ data: TopicDto[]; nextCursor: string | null }>("/api/v1/topics?limit=100", { appId }),
  });
}

/** "Order updates" → "order-updates": what a key would be, until someone types one. */
export function keyFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}
