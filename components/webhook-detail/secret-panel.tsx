"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { revealWebhookSecretAction } from "@/lib/actions/webhooks/reveal-webhook-secret";
import { callAction } from "@/lib/queries/use-action-mutation";

/** The current secret, fetched from the server only when its owner asks (Reveal or Copy). */
export function SecretPanel({ webhookId, hasSecret }: { webhookId: string; hasSecret: boolean }) {
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);

  async function load(): Promise<string | null> {
    const result = await callAction(revealWebhookSecretAction, { id: webhookId });
    if (!result.ok) {
      toast({ title: "Could not read the secret", description: result.message, variant: "destructive" });
      return null;
    }
    return result.secret;
  }

  if (!hasSecret) return <p className="text-sm text-neutral-600">No secret: deliveries are not signed. Rotate to create one.</p>;
  return (
    <div className="grid gap-2">
      <label htmlFor="current-secret" className="text-sm font-medium">
        Signing secret
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          id="current-secret"
          readOnly
          type={secret ? "text" : "password"}
          value={secret ?? "••••••••••••••••••••••••"}
          className="h-8 min-w-48 max-w-md flex-1 font-mono text-xs"
        />
        <Button
          variant="outline"
          size="sm"
          onClick={async () => {
            if (secret) return setSecret(null);
            setSecret(await load());
          }}
        >
          {secret ? "Hide" : "Reveal"}
        </Button>
        <CopyButton text={() => (secret ? Promise.resolve(secret) : load())} label="Copy the signing secret" what="Secret" />
      </div>
    </div>
  );
}
