"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiReference as ApiReferenceModel } from "@/lib/openapi/api-reference";
import { MethodBadge, OperationCard } from "./operation-card";

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function matches(text: string, needle: string): boolean {
  return text.toLowerCase().includes(needle);
}

export function ApiReference({
  reference,
  appId,
  publicId,
}: {
  reference: ApiReferenceModel;
  appId: string;
  publicId: string;
}) {
  // Examples point at whatever URL the browser used to reach Herald; read after mount.
  const [origin, setOrigin] = useState("https://herald.example.com");
  useEffect(() => setOrigin(window.location.origin), []);
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const groups = useMemo(
    () =>
      reference.groups
        .map((group) => ({
          ...group,
          operations: group.operations.filter(
            (operation) =>
              !needle ||
              matches(
                `${operation.method} ${operation.path} ${operation.summary} ${group.name}`,
                needle,
              ),
          ),
        }))
        .filter((group) => group.operations.length > 0),
    [reference, needle],
  );
  const context = { origin, appId, publicId };
  const documentUrl = `${origin}/api/v1/openapi.json`;

  return (
    <div className="flex gap-8">
      <nav
        aria-label="Endpoints"
        className="sticky top-6 hidden max-h-[calc(100vh-3rem)] w-64 shrink-0 overflow-y-auto pb-6 lg:block"
      >
        <label htmlFor={filterId} className="sr-only">
          Filter endpoints
        </label>
        <input
          id={filterId}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter endpoints"
          className="mb-4 block w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500"
        />
        <div className="space-y-4">
          {groups.map((group) => (
            <div key={group.name}>
              <a
                href={`#group-${slug(group.name)}`}
                className="px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase hover:text-slate-800"
              >
                {group.name}
              </a>
              <ul className="mt-1 space-y-0.5">
                {group.operations.map((operation) => (
                  <li key={operation.id}>
                    <a
                      href={`#${operation.id}`}
                      className="flex items-center gap-2 rounded-md px-1 py-1 text-sm text-slate-600 hover:bg-white hover:text-slate-900"
                    >
                      <MethodBadge method={operation.method} />
                      <span className="truncate">{operation.summary}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>

      <div className="min-w-0 flex-1 space-y-10">
        <Card>
          <CardBody className="space-y-3 text-sm text-slate-600">
            <p>
              Authenticate server calls with{" "}
              <code className="font-mono text-slate-900">
                Authorization: Bearer $HERALD_API_KEY
              </code>{" "}
              (Settings → API keys); each endpoint names the scope it needs. The web SDK's endpoints
              use this app's public id <code className="font-mono text-slate-900">{publicId}</code>{" "}
              and answer only the origins allowed in Settings → General.
            </p>
            <p>
              Errors are <code className="font-mono">application/problem+json</code> naming each
              field at fault. Lists answer{" "}
              <code className="font-mono">{"{ data, nextCursor }"}</code>: pass{" "}
              <code className="font-mono">nextCursor</code> back as{" "}
              <code className="font-mono">cursor</code>. Too many requests answer 429 with{" "}
              <code className="font-mono">Retry-After</code>.
            </p>
            <div className="flex flex-wrap items-center gap-2 pt-1">
              <code className="rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800">
                {documentUrl}
              </code>
              <CopyButton value={documentUrl} label="Copy URL" />
              <a
                href="/api/v1/openapi.json"
                target="_blank"
                rel="noreferrer"
                className="text-xs font-medium text-brand-700 hover:text-brand-600"
              >
                Open the OpenAPI 3.1 document
              </a>
            </div>
          </CardBody>
        </Card>

        <div className="lg:hidden">
          <input
            type="search"
            aria-label="Filter endpoints"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Filter endpoints"
            className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500"
          />
        </div>

        {groups.length === 0 && (
          <Card>
            <EmptyState title="No endpoint matches" description={`Nothing matches “${filter}”.`} />
          </Card>
        )}

        {groups.map((group) => (
          <section
            key={group.name}
            id={`group-${slug(group.name)}`}
            className="scroll-mt-6 space-y-4"
          >
            <div>
              <h2 className="text-lg font-semibold text-slate-900">{group.name}</h2>
              <p className="mt-0.5 max-w-3xl text-sm text-slate-500">{group.description}</p>
            </div>
            {group.operations.map((operation) => (
              <OperationCard
                key={operation.id}
                operation={operation}
                components={reference.components}
                context={context}
              />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
