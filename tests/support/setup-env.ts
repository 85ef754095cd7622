import { inject } from "vitest";

// Test workers are separate processes: copy the stack's variables into each.
Object.assign(process.env, inject("heraldEnv"));
