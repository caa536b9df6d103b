/** What the delivery log, Copy as curl and the UI show in place of a secret value. */
export const MASKED_VALUE = "••••••••";
