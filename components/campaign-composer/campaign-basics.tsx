"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import type { CampaignDraft, Category } from "./campaign-draft";

export function CampaignBasics({
  name,
  category,
  onChange,
  errorFor,
}: {
  name: string;
  category: Category;
  onChange: (patch: Partial<Pick<CampaignDraft, "name" | "category">>) => void;
  errorFor: (path: string) => string | undefined;
}) {
  return (
    <Card>
      <CardHeader title="Campaign" description="Only your team sees the name." />
      <CardBody className="space-y-5">
        <InputField
          label="Campaign name"
          value={name}
          maxLength={120}
          placeholder="e.g. Black Friday — early access"
          onChange={(event) => onChange({ name: event.target.value })}
          error={errorFor("name")}
        />
        <RadioCards
          legend="Category"
          name="category"
          value={category}
          onChange={(value) => onChange({ category: value })}
          columns={3}
          options={[
            {
              value: "marketing",
              label: "Marketing",
              description: "Promotions and news. Frequency caps and quiet hours apply.",
            },
            {
              value: "transactional",
              label: "Transactional",
              description: "Orders, security, account. Never capped, sent at any hour.",
            },
            {
              value: "triggered",
              label: "Triggered",
              description:
                "Sent to each person when they do something (e.g. abandon a cart) or go quiet.",
            },
          ]}
          error={errorFor("category")}
        />
      </CardBody>
    </Card>
  );
}
