"use client";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import type {
  JsonSchema,
  ReferenceOperation,
  ReferenceParameter,
} from "@/lib/openapi/api-reference";
import { curlCommand } from "./curl-command";
import { RichText } from "./rich-text";
import { SchemaViewer, typeLabel } from "./schema-viewer";

const methodTones: Record<ReferenceOperation["method"], string> = {
  GET: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  POST: "bg-brand-50 text-brand-700 ring-brand-100",
  PUT: "bg-amber-50 text-amber-800 ring-amber-200",
  PATCH: "bg-amber-50 text-amber-800 ring-amber-200",
  DELETE: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method }: { method: ReferenceOperation["method"] }) {
  return (
    <span
      className={cn(
        "inline-flex w-14 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold ring-1 ring-inset",
        methodTones[method],
      )}
    >
      {method}
    </span>
  );
}

/** The path with its placeholders set apart, so `{externalId}` reads as a slot. */
function PathText({ path }: { path: string }) {
  return (
    <code className="font-mono text-sm break-all text-slate-900">
      {path.split(/(\{\w+\})/).map((part, index) =>
        /^\{\w+\}$/.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the split of a fixed string
          <span key={index} className="text-brand-700">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </code>
  );
}

function AccessBadge({ operation }: { operation: ReferenceOperation }) {
  if (operation.auth === "apiKey") {
    return (
      <span title="The API key's scope this needs (admin holds every scope)">
        <Badge tone={operation.scope === "admin" ? "yellow" : "blue"}>
          scope: {operation.scope}
        </Badge>
      </span>
    );
  }
  if (operation.auth === "sdkDevice") return <Badge tone="green">SDK · device token</Badge>;
  if (operation.auth === "sdk") return <Badge tone="green">SDK · allowed origins</Badge>;
  return <Badge>public</Badge>;
}

function ParameterTable({
  parameters,
  components,
}: {
  parameters: ReferenceParameter[];
  components: Record<string, JsonSchema>;
}) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-100 text-sm">
        <tbody className="divide-y divide-slate-100">
          {parameters.map((parameter) => (
            <tr key={`${parameter.in}:${parameter.name}`}>
              <td className="px-3 py-2 align-top whitespace-nowrap">
                <code className="font-mono text-[13px] font-semibold text-slate-900">
                  {parameter.name}
                </code>
                <p className="text-[11px] text-slate-400 uppercase">
                  {parameter.in}
                  {parameter.required && (
                    <span className="ml-1 font-semibold text-amber-700">required</span>
                  )}
                </p>
              </td>
              <td className="px-3 py-2 align-top font-mono text-xs whitespace-nowrap text-slate-500">
                {typeLabel(parameter.schema, components)}
              </td>
              <td className="px-3 py-2 align-top text-slate-600">
                {parameter.description && <RichText text={parameter.description} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h4>
      {children}
    </div>
  );
}

export function OperationCard({
  operation,
  components,
  context,
}: {
  operation: ReferenceOperation;
  components: Record<string, JsonSchema>;
  context: { origin: string; appId: string; publicId: string };
}) {
  const command = curlCommand(operation, context);
  const successes = operation.responses.filter((response) => !response.isError);
  const errors = operation.responses.filter((response) => response.isError);
  return (
    <article
      id={operation.id}
      className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
      aria-labelledby={`${operation.id}-title`}
    >
      <header className="space-y-2 border-b border-slate-100 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <MethodBadge method={operation.method} />
          <PathText path={operation.path} />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id={`${operation.id}-title`} className="text-base font-semibold text-slate-900">
            {operation.summary}
          </h3>
          <AccessBadge operation={operation} />
        </div>
        {operation.description && (
          <p className="max-w-3xl text-sm leading-relaxed text-slate-600">
            <RichText text={operation.description} />
          </p>
        )}
      </header>
      <div className="space-y-5 px-5 py-5">
        {operation.parameters.length > 0 && (
          <Section title="Parameters">
            <ParameterTable parameters={operation.parameters} components={components} />
          </Section>
        )}
        {operation.body && (
          <Section title="Request body">
            <SchemaViewer schema={operation.body} components={components} />
          </Section>
        )}
        <Section title="Responses">
          <ul className="space-y-2">
            {successes.map((response) => (
              <li key={response.status}>
                <details className="rounded-lg ring-1 ring-slate-200">
                  <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm">
                    <Badge tone="green">{response.status}</Badge>
                    <span className="text-slate-700">{response.description}</span>
                  </summary>
                  {response.schema ? (
                    <div className="border-t border-slate-100 px-3">
                      <SchemaViewer schema={response.schema} components={components} />
                    </div>
                  ) : (
                    <p className="border-t border-slate-100 px-3 py-2 text-sm text-slate-500">
                      No body.
                    </p>
                  )}
                </details>
              </li>
            ))}
          </ul>
          <p className="flex flex-wrap gap-1.5 text-xs text-slate-500">
            {errors.map((response) => (
              <span key={response.status} title={response.description}>
                <Badge tone={response.status === "429" ? "yellow" : "red"}>{response.status}</Badge>
              </span>
            ))}
            <span className="self-center">problem+json naming the field at fault</span>
          </p>
        </Section>
        <Section title="Example">
          <div className="overflow-hidden rounded-lg bg-slate-900">
            <div className="flex items-center justify-between border-b border-white/10 px-4 py-2">
              <span className="text-xs font-medium text-slate-400">curl</span>
              <CopyButton value={command} label="Copy" />
            </div>
            <pre className="max-h-96 overflow-auto px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
              <code>{command}</code>
            </pre>
          </div>
        </Section>
      </div>
    </article>
  );
}
