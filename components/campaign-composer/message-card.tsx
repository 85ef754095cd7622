"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField } from "@/components/ui/field";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import type { AttributeOption } from "./attribute-picker";
import { maxVariants, newVariant, type VariantDraft, variantLetters } from "./campaign-draft";
import { type ContentDraft, type ContentScope, cloneContentDraft } from "./content-draft";
import { ContentEditor } from "./content-editor";
import { countErrorsUnder, type FieldErrors } from "./draft-validation";

/** The message, or its A/B variants: a tab per variant, each with the full content editor. */
export function MessageCard({
  variants,
  onVariantsChange,
  activeVariant,
  onActiveVariantChange,
  scope,
  onScopeChange,
  errors,
  attributes,
}: {
  variants: VariantDraft[];
  onVariantsChange: (variants: VariantDraft[]) => void;
  activeVariant: number;
  onActiveVariantChange: (index: number) => void;
  scope: ContentScope;
  onScopeChange: (scope: ContentScope) => void;
  errors: FieldErrors;
  attributes: AttributeOption[];
}) {
  const [removing, setRemoving] = useState<number | null>(null);
  const variant = variants[activeVariant] ?? variants[0];
  if (!variant) return null;
  const isTest = variants.length > 1;
  const pathPrefix = `variants.${activeVariant}.content`;
  const contentError = errors.get(pathPrefix) ?? errors.get(`variants.${activeVariant}`);

  const setContent = (content: ContentDraft) =>
    onVariantsChange(
      variants.map((entry, at) => (at === activeVariant ? { ...entry, content } : entry)),
    );

  function addVariant() {
    // A copy of the variant on screen: an A/B test changes one thing at a time.
    const copy = newVariant(cloneContentDraft(variant?.content ?? newVariant().content));
    onVariantsChange([...variants, copy]);
    onActiveVariantChange(variants.length);
  }

  const addButton = (
    <Button
      variant="secondary"
      size="sm"
      onClick={addVariant}
      disabled={variants.length >= maxVariants}
    >
      {isTest ? "+ Add variant" : "+ Add A/B variant"}
    </Button>
  );

  return (
    <Card>
      <CardHeader
        title="Message"
        description={
          isTest
            ? "Each variant can differ in any field. New variants start as a copy of the one on screen."
            : "Personalise with attributes; each platform can override any field."
        }
        actions={addButton}
      />
      <CardBody className="space-y-5">
        {isTest && (
          <Tabs
            label="Variants"
            idPrefix="variant"
            value={variant.rowKey}
            onChange={(rowKey) =>
              onActiveVariantChange(variants.findIndex((entry) => entry.rowKey === rowKey))
            }
            items={variants.map((entry, index) => {
              const problems = countErrorsUnder(errors, `variants.${index}`);
              return {
                id: entry.rowKey,
                label: `Variant ${variantLetters[index]}${entry.name ? ` · ${entry.name}` : ""}`,
                badge:
                  problems > 0 ? (
                    <span className="rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-700">
                      {problems}
                      <span className="sr-only"> problems</span>
                    </span>
                  ) : null,
              };
            })}
          />
        )}
        <TabPanel idPrefix="variant" id={variant.rowKey} className="space-y-5">
          {isTest && (
            <div className="flex items-end gap-3">
              <div className="flex-1">
                <InputField
                  label={`Variant ${variantLetters[activeVariant]} name (optional)`}
                  value={variant.name}
                  maxLength={80}
                  placeholder={`e.g. ${activeVariant === 0 ? "Discount" : "Free shipping"}`}
                  onChange={(event) =>
                    onVariantsChange(
                      variants.map((entry, at) =>
                        at === activeVariant ? { ...entry, name: event.target.value } : entry,
                      ),
                    )
                  }
                  error={errors.get(`variants.${activeVariant}.name`)}
                />
              </div>
              <Button variant="ghost" onClick={() => setRemoving(activeVariant)}>
                Remove variant {variantLetters[activeVariant]}
              </Button>
            </div>
          )}
          {contentError && <Alert tone="error">{contentError}</Alert>}
          <ContentEditor
            key={variant.rowKey}
            content={variant.content}
            onChange={setContent}
            scope={scope}
            onScopeChange={onScopeChange}
            pathPrefix={pathPrefix}
            errors={errors}
            attributes={attributes}
            idPrefix={`content-${activeVariant}`}
          />
        </TabPanel>
        {errors.get("variants") && <Alert tone="error">{errors.get("variants")}</Alert>}
      </CardBody>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove variant ${variantLetters[removing ?? 0]}?`}
        description="Its content is deleted. The other variants keep theirs (later ones move up a letter)."
        confirmLabel="Remove variant"
        onConfirm={() => {
          if (removing === null) return;
          onVariantsChange(variants.filter((_, at) => at !== removing));
          onActiveVariantChange(Math.max(0, Math.min(removing, variants.length - 2)));
          setRemoving(null);
        }}
        onClose={() => setRemoving(null)}
      />
    </Card>
  );
}
