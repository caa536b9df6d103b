import type { ApiTokenScope } from "@/db/types";

/** How a token's scope is named in the Create token dialog and the tokens table. */
export const SCOPE_LABELS: Record<ApiTokenScope, string> = { read: "Read only", write: "Read and write" };
