import { z } from "zod";
import { apiKeyScopeDescriptions } from "@/lib/auth/permissions";
import type { ProblemBody } from "@/lib/http/problem";
import { segmentDefinitionObjectSchema } from "@/lib/segments/definition";
import { componentRegistry, registeredSchemas } from "./components";
import { type ApiOperation, apiTags, type OperationParameter } from "./operation";
import { apiOperations } from "./operations";

// The OpenAPI 3.1 document, generated from the operation registry and the
// very zod schemas the routes parse with (zod's own JSON Schema output, which
// is draft 2020-12 — the dialect OpenAPI 3.1 uses). Nothing here is written
// by hand twice.

type JsonSchema = Record<string, unknown>;

const problemSchema: z.ZodType<ProblemBody> = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().meta({ description: "What went wrong, naming the thing and the reason." }),
  code: z.string().meta({ description: "Stable snake_case code, e.g. `validation_failed`." }),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z
    .array(
      z.object({
        field: z.string().meta({ description: "Dotted path, e.g. `events.3.deliveryId`." }),
        pointer: z.string().meta({ description: "The same as a JSON pointer." }),
        detail: z.string(),
      }),
    )
    .optional()
    .meta({ description: "Each field at fault." }),
  retryAfterSeconds: z.number().int().optional(),
});

const errorDescriptions: Record<number, string> = {
  400: "Invalid request: `errors` names each field at fault (unknown fields included)",
  401: "Missing, malformed or revoked credentials",
  403: "The key lacks the scope, or the origin is not allowed",
  404: "Not found in this app (another app's ids are not found either)",
  409: "Conflicts with the current state",
  413: "The body is too large",
  415: "The body is not JSON",
  429: "Rate limited: wait for `Retry-After` seconds",
};

/** The component a `z.unknown()…pipe(registered)` schema stands for, if it is one. */
function checkedShapeOf(schema: z.ZodType): string | null {
  const def = schema._zod.def;
  if (def.type !== "pipe") return null;
  const pipe = def as z.core.$ZodPipeDef;
  if (pipe.in._zod.def.type !== "unknown") return null;
  return componentRegistry.get(pipe.out as z.ZodType)?.id ?? null;
}

function convert(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    metadata: componentRegistry,
    // Our registry only names components; descriptions and formats set with
    // `.meta()` live in zod's global one, so they are copied over here.
    override: ({ zodSchema, jsonSchema }) => {
      const { id: _id, ...meta } = z.globalRegistry.get(zodSchema as unknown as z.ZodType) ?? {};
      Object.assign(jsonSchema, meta);
      // `z.unknown().superRefine(…).pipe(shape)` checks limits before the
      // shape parses; its input is "anything", but what a caller must send is the shape.
      const checked = checkedShapeOf(zodSchema as unknown as z.ZodType);
      if (checked) {
        for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
        jsonSchema.$ref = `#/components/schemas/${checked}`;
      }
    },
  }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
}

let namedDifferently: Set<string> | undefined;

/**
 * The component name of a registered schema in requests or responses. Most
 * read the same both ways; one whose request form differs (a default makes
 * a field optional on the way in) gets a second component, suffixed `Input`.
 */
function componentName(id: string, io: "input" | "output"): string {
  namedDifferently ??= new Set(
    registeredSchemas
      .filter(
        (schema) =>
          JSON.stringify(convert(schema, "input")) !== JSON.stringify(convert(schema, "output")),
      )
      .map((schema) => componentRegistry.get(schema)?.id ?? ""),
  );
  return io === "input" && namedDifferently.has(id) ? `${id}Input` : id;
}

function rewriteRefs(value: unknown, io: "input" | "output"): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, io));
  if (!value || typeof value !== "object") return value;
  const result: JsonSchema = {};
  for (const [key, entry] of Object.entries(value)) {
    result[key] =
      key === "$ref" && typeof entry === "string" && entry.startsWith("#/$defs/")
        ? `#/components/schemas/${componentName(entry.slice("#/$defs/".length), io)}`
        : rewriteRefs(entry, io);
  }
  return result;
}

/** JSON Schema for `schema`; the registry's named schemas go to `components` and are referred to. */
export function toJsonSchema(
  schema: z.ZodType,
  io: "input" | "output",
  components: Record<string, JsonSchema> = {},
): JsonSchema {
  const { $schema: _dialect, $defs: definitions = {}, ...rest } = convert(schema, io);
  for (const [id, definition] of Object.entries(definitions)) {
    components[componentName(id, io)] = rewriteRefs(definition, io) as JsonSchema;
  }
  return rewriteRefs(rest, io) as JsonSchema;
}

function errorStatuses(operation: ApiOperation): number[] {
  const isSdk = operation.auth === "sdk" || operation.auth === "sdkDevice";
  const statuses = [
    ...(operation.auth === "public" && !operation.body && !operation.query ? [] : [400]),
    ...(operation.auth === "apiKey" || operation.auth === "sdkDevice" ? [401] : []),
    ...(operation.auth === "apiKey" || isSdk ? [403] : []),
    ...(operation.pathParameters?.length ? [404] : []),
    ...(operation.body ? [413, 415] : []),
    429,
    ...(operation.errors ?? []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

function headerParameter(header: OperationParameter) {
  return {
    name: header.name,
    in: "header",
    required: header.required ?? false,
    description: header.description,
    schema: { type: "string" },
    ...(header.example ? { example: header.example } : {}),
  };
}

/** A query schema's properties as OpenAPI query parameters. */
function queryParameters(query: z.ZodType, components: Record<string, JsonSchema>) {
  const schema = toJsonSchema(query, "input", components);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: "query",
      required: required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function security(operation: ApiOperation) {
  if (operation.auth === "apiKey") return [{ apiKey: [] }];
  if (operation.auth === "sdkDevice") return [{ deviceToken: [] }];
  return [];
}

function describeOperation(operation: ApiOperation): string | undefined {
  const scope = operation.scope ? `Requires an API key with the \`${operation.scope}\` scope.` : "";
  return [operation.description, scope].filter(Boolean).join("\n\n") || undefined;
}

function operationObject(operation: ApiOperation, components: Record<string, JsonSchema>) {
  const success = Object.fromEntries(
    operation.responses.map((response) => [
      String(response.status),
      {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                "application/json": { schema: toJsonSchema(response.schema, "output", components) },
              },
            }
          : {}),
      },
    ]),
  );
  const errors = Object.fromEntries(
    errorStatuses(operation).map((status) => [
      String(status),
      {
        description: errorDescriptions[status] ?? "Error",
        content: {
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        },
      },
    ]),
  );
  return {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    ...(describeOperation(operation) ? { description: describeOperation(operation) } : {}),
    security: security(operation),
    ...(operation.scope ? { "x-herald-scope": operation.scope } : {}),
    parameters: [
      ...(operation.pathParameters ?? []).map((parameter) => ({
        name: parameter.name,
        in: "path",
        required: true,
        description: parameter.description,
        schema: { type: "string" },
        ...(parameter.example ? { example: parameter.example } : {}),
      })),
      ...(operation.query ? queryParameters(operation.query, components) : []),
      ...(operation.headers ?? []).map(headerParameter),
    ],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: toJsonSchema(operation.body, "input", components),
                ...(operation.example !== undefined ? { example: operation.example } : {}),
              },
            },
          },
        }
      : {}),
    responses: { ...success, ...errors },
  };
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: Record<string, unknown>;
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, ReturnType<typeof operationObject>>>;
  components: Record<string, unknown>;
}

let cached: Omit<OpenApiDocument, "servers"> | undefined;

/** The document for a server at `serverUrl`; built once per process, it only changes with the code. */
export function buildOpenApiDocument(serverUrl: string): OpenApiDocument {
  if (!cached) {
    const paths: OpenApiDocument["paths"] = {};
    const schemas: Record<string, JsonSchema> = {
      Problem: toJsonSchema(problemSchema, "output"),
    };
    // Referred to directly (see checkedShapeOf), so converted here for its components entry.
    toJsonSchema(segmentDefinitionObjectSchema, "input", schemas);
    for (const operation of apiOperations) {
      paths[operation.path] ??= {};
      const byMethod = paths[operation.path];
      if (byMethod) byMethod[operation.method.toLowerCase()] = operationObject(operation, schemas);
    }
    const scopes = Object.entries(apiKeyScopeDescriptions)
      .map(([scope, description]) => `- \`${scope}\`: ${description}`)
      .join("\n");
    cached = {
      openapi: "3.1.0",
      info: {
        title: "Herald API",
        version: "1.0.0",
        description: `Register subscribers and devices, track events, send pushes and read their stats.\n\nAuthenticate with \`Authorization: Bearer <API key>\`. A key belongs to one app and holds scopes:\n${scopes}\n\nErrors are RFC 9457 problem+json naming each field at fault. Lists answer \`{ data, nextCursor }\`; pass \`nextCursor\` back as \`cursor\`.`,
      },
      tags: apiTags.map((tag) => ({ name: tag.name, description: tag.description })),
      paths,
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "hk_…",
            description: "An API key from Settings → API keys.",
          },
          deviceToken: {
            type: "apiKey",
            in: "header",
            name: "X-Herald-Device-Token",
            description: "The token the SDK got when it registered this browser's subscription.",
          },
        },
        schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      },
    };
  }
  return { ...cached, servers: [{ url: serverUrl }] };
}
