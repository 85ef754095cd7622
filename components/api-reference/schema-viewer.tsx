"use client";

import { type ReactNode, useState } from "react";
import type { JsonSchema } from "@/lib/openapi/api-reference";
import { RichText } from "./rich-text";

// Renders a JSON Schema (draft 2020-12, as zod writes it) as a readable tree:
// each property with its type, whether it is required, its description and
// constraints; nested objects, arrays, unions and named components expand on demand.

const maxDepth = 8;

function asSchema(value: unknown): JsonSchema | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonSchema) : null;
}

function refName(schema: JsonSchema): string | null {
  return typeof schema.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : null;
}

function variantsOf(schema: JsonSchema): JsonSchema[] | null {
  const list = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(list)) return null;
  return list.flatMap((entry: unknown) => {
    const variant = asSchema(entry);
    return variant ? [variant] : [];
  });
}

function isNullSchema(schema: JsonSchema): boolean {
  return schema.type === "null";
}

/** A short type label: `string`, `integer`, `"a" | "b"`, `Device[]`, `NotificationContent | null`. */
export function typeLabel(schema: JsonSchema, components: Record<string, JsonSchema>): string {
  const name = refName(schema);
  if (name) return name;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum))
    return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const variants = variantsOf(schema);
  if (variants) {
    const concrete = variants.filter((variant) => !isNullSchema(variant));
    const nullable = concrete.length < variants.length ? " | null" : "";
    if (concrete.length === 1 && concrete[0])
      return `${typeLabel(concrete[0], components)}${nullable}`;
    return `one of ${concrete.length}${nullable}`;
  }
  if (schema.type === "array") {
    const items = asSchema(schema.items);
    return `${items ? typeLabel(items, components) : "any"}[]`;
  }
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "object" && asSchema(schema.additionalProperties) && !schema.properties) {
    return `map of ${typeLabel(asSchema(schema.additionalProperties) ?? {}, components)}`;
  }
  if (typeof schema.type === "string") {
    return typeof schema.format === "string" ? `${schema.type} (${schema.format})` : schema.type;
  }
  return "any";
}

function constraints(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const add = (key: string, label: (value: unknown) => string) => {
    if (schema[key] !== undefined) notes.push(label(schema[key]));
  };
  add("minLength", (value) => `min length ${value}`);
  add("maxLength", (value) => `max length ${value}`);
  add("minimum", (value) => `≥ ${value}`);
  add("maximum", (value) => `≤ ${value}`);
  add("minItems", (value) => `at least ${value}`);
  add("maxItems", (value) => `at most ${value}`);
  add("pattern", (value) => `matches ${value}`);
  add("default", (value) => `default ${JSON.stringify(value)}`);
  return notes;
}

/** What lies inside a schema that can be opened: properties, items, variants or a component. */
function childrenOf(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  followed: ReadonlySet<string> = new Set(),
): { kind: "object" | "variants"; schema: JsonSchema } | null {
  const name = refName(schema);
  if (name) {
    const target = components[name];
    // A reference that only leads back to itself has nothing to show.
    if (!target || followed.has(name)) return null;
    return childrenOf(target, components, new Set([...followed, name]));
  }
  if (schema.type === "object" && asSchema(schema.properties)) return { kind: "object", schema };
  if (schema.type === "array") {
    const items = asSchema(schema.items);
    return items ? childrenOf(items, components, followed) : null;
  }
  const variants = variantsOf(schema);
  if (variants) {
    const concrete = variants.filter((variant) => !isNullSchema(variant));
    if (concrete.length === 1 && concrete[0]) return childrenOf(concrete[0], components, followed);
    return { kind: "variants", schema };
  }
  return null;
}

function PropertyRow({
  name,
  schema,
  required,
  components,
  depth,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  components: Record<string, JsonSchema>;
  depth: number;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const inner = depth < maxDepth ? childrenOf(schema, components) : null;
  const description = typeof schema.description === "string" ? schema.description : null;
  const notes = constraints(schema);
  return (
    <li className="py-2.5">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <code className="font-mono text-[13px] font-semibold text-slate-900">{name}</code>
        <span className="font-mono text-xs text-slate-500">{typeLabel(schema, components)}</span>
        {required ? (
          <span className="text-[11px] font-semibold tracking-wide text-amber-700 uppercase">
            required
          </span>
        ) : null}
      </div>
      {description && (
        <p className="mt-0.5 text-sm text-slate-600">
          <RichText text={description} />
        </p>
      )}
      {notes.length > 0 && <p className="mt-0.5 text-xs text-slate-500">{notes.join(" · ")}</p>}
      {inner && (
        <div className="mt-1.5">
          <button
            type="button"
            onClick={() => setIsOpen(!isOpen)}
            aria-expanded={isOpen}
            className="text-xs font-medium text-brand-700 hover:text-brand-600"
          >
            {isOpen ? "Hide" : "Show"} {inner.kind === "variants" ? "variants" : "fields"}
          </button>
          {isOpen && (
            <div className="mt-1.5 border-l-2 border-slate-100 pl-4">
              <SchemaBody schema={inner.schema} components={components} depth={depth + 1} />
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function variantTitle(
  variant: JsonSchema,
  components: Record<string, JsonSchema>,
  index: number,
): ReactNode {
  const resolved = refName(variant) ? (components[refName(variant) ?? ""] ?? variant) : variant;
  const properties = asSchema(resolved.properties) ?? {};
  const discriminator = Object.entries(properties).find(
    ([, property]) => asSchema(property)?.const !== undefined,
  );
  if (discriminator) {
    return (
      <>
        <code className="font-mono">{discriminator[0]}</code> ={" "}
        <code className="font-mono">{JSON.stringify(asSchema(discriminator[1])?.const)}</code>
      </>
    );
  }
  return refName(variant) ?? `Option ${index + 1}`;
}

function SchemaBody({
  schema,
  components,
  depth,
}: {
  schema: JsonSchema;
  components: Record<string, JsonSchema>;
  depth: number;
}) {
  const variants = variantsOf(schema);
  if (variants) {
    const concrete = variants.filter((variant) => !isNullSchema(variant));
    return (
      <div className="space-y-2 py-1">
        <p className="text-xs text-slate-500">One of:</p>
        {concrete.map((variant, index) => (
          <details
            // biome-ignore lint/suspicious/noArrayIndexKey: variants are a fixed list
            key={index}
            className="rounded-md ring-1 ring-slate-200"
          >
            <summary className="cursor-pointer px-3 py-1.5 text-sm text-slate-700">
              {variantTitle(variant, components, index)}
            </summary>
            <div className="border-t border-slate-100 px-3">
              <SchemaBody
                schema={childrenOf(variant, components)?.schema ?? variant}
                components={components}
                depth={depth + 1}
              />
            </div>
          </details>
        ))}
      </div>
    );
  }
  const properties = Object.entries(asSchema(schema.properties) ?? {});
  if (!properties.length) {
    return <p className="py-2 text-sm text-slate-500">{typeLabel(schema, components)}</p>;
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return (
    <ul className="divide-y divide-slate-100">
      {properties.map(([name, property]) => (
        <PropertyRow
          key={name}
          name={name}
          schema={asSchema(property) ?? {}}
          required={required.has(name)}
          components={components}
          depth={depth}
        />
      ))}
    </ul>
  );
}

export function SchemaViewer({
  schema,
  components,
}: {
  schema: JsonSchema;
  components: Record<string, JsonSchema>;
}) {
  const root = childrenOf(schema, components)?.schema ?? schema;
  return <SchemaBody schema={root} components={components} depth={0} />;
}
