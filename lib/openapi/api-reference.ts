import type { ApiKeyScope } from "@/lib/auth/permissions";
import { buildOpenApiDocument } from "./build-openapi-document";
import { type ApiOperation, apiTags, type OperationAuth } from "./operation";
import { apiOperations } from "./operations";

// The dashboard's API reference, read from the same OpenAPI document the API
// serves: what the page shows is what a client generator would see.

export type JsonSchema = { [key: string]: unknown };

export interface ReferenceParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description: string | null;
  schema: JsonSchema;
  example: string | null;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  schema: JsonSchema | null;
  isError: boolean;
}

export interface ReferenceOperation {
  id: string;
  method: ApiOperation["method"];
  path: string;
  summary: string;
  description: string | null;
  auth: OperationAuth;
  scope: ApiKeyScope | null;
  parameters: ReferenceParameter[];
  body: JsonSchema | null;
  example: unknown;
  responses: ReferenceResponse[];
}

export interface ApiReference {
  groups: { name: string; description: string; operations: ReferenceOperation[] }[];
  /** Named schemas the others refer to with `$ref`. */
  components: Record<string, JsonSchema>;
}

interface DocumentOperation {
  description?: string;
  parameters: {
    name: string;
    in: ReferenceParameter["in"];
    required: boolean;
    description?: string;
    schema: JsonSchema;
    example?: string;
  }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
}

export function buildApiReference(): ApiReference {
  const document = buildOpenApiDocument("");
  const components = (document.components.schemas ?? {}) as Record<string, JsonSchema>;
  return {
    components,
    groups: apiTags.map((tag) => ({
      name: tag.name,
      description: tag.description,
      operations: apiOperations
        .filter((operation) => operation.tag === tag.name)
        .map((operation) => {
          const described = document.paths[operation.path]?.[
            operation.method.toLowerCase()
          ] as unknown as DocumentOperation;
          return {
            id: operation.id,
            method: operation.method,
            path: operation.path,
            summary: operation.summary,
            description: operation.description ?? null,
            auth: operation.auth,
            scope: operation.scope ?? null,
            parameters: described.parameters.map((parameter) => ({
              name: parameter.name,
              in: parameter.in,
              required: parameter.required,
              description: parameter.description ?? null,
              schema: parameter.schema,
              example: parameter.example ?? null,
            })),
            body: described.requestBody?.content["application/json"].schema ?? null,
            example: operation.example ?? null,
            responses: Object.entries(described.responses).map(([status, response]) => ({
              status,
              description: response.description,
              schema:
                response.content?.["application/json"]?.schema ??
                response.content?.["application/problem+json"]?.schema ??
                null,
              isError: Number(status) >= 400,
            })),
          };
        }),
    })),
  };
}
