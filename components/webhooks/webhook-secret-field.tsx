"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { copyToClipboard } from "@/components/ui/copy-to-clipboard";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { revealWebhookSecretAction } from "@/lib/actions/webhooks/reveal-webhook-secret";
import { generateWebhookSecret } from "@/lib/crypto/generate-webhook-secret";
import { callAction } from "@/lib/queries/use-action-mutation";

/**
 * The secret input. In an edit of a webhook that has a secret, the stored secret stays on the
 * server until its owner asks (Reveal or Copy); until the field is touched, saving keeps it.
 */
export function WebhookSecretField({
  value,
  onChange,
  error,
  storedSecretOf,
  isTouched,
}: {
  value: string;
  onChange: (next: string) => void;
  error?: string;
  /** Set in edit when the webhook has a secret: its id, for Reveal and Copy. */
  storedSecretOf?: string;
  isTouched: boolean;
}) {
  const toast = useToast();
  const [isVisible, setVisible] = useState(false);
  const [isLoading, setLoading] = useState(false);
  const isStoredHidden = !!storedSecretOf && !isTouched;

  async function loadStoredSecret(): Promise<string | null> {
    if (!storedSecretOf) return value;
    setLoading(true);
    try {
      const result = await callAction(revealWebhookSecretAction, { id: storedSecretOf });
      if (!result.ok) {
        toast({ title: "Could not reveal the secret", description: result.message, variant: "destructive" });
        return null;
      }
      return result.secret ?? "";
    } finally {
      setLoading(false);
    }
  }

  async function reveal() {
    if (isVisible) return setVisible(false);
    if (isStoredHidden) {
      const secret = await loadStoredSecret();
      if (secret === null) return;
      onChange(secret);
    }
    setVisible(true);
  }

  async function copy() {
    const secret = isStoredHidden ? await loadStoredSecret() : value;
    if (!secret) return;
    const isCopied = await copyToClipboard(secret);
    toast(isCopied ? { title: "Secret copied" } : { title: "Could not copy the secret", variant: "destructive" });
  }

  let hint = "Optional. Signs every request (Standard Webhooks and X-Documenso-Signature).";
  if (storedSecretOf) {
    hint = isStoredHidden
      ? "Leave it as is to keep the current secret."
      : value === ""
        ? "Saving will remove the secret: requests will not be signed."
        : "Saving replaces the current secret.";
  }

  return (
    <div className="grid gap-2">
      <Label htmlFor="secret">Secret</Label>
      <div className="flex gap-2">
        <Input
          id="secret"
          type={isVisible ? "text" : "password"}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          placeholder={isStoredHidden ? "•••••••••••••••• (unchanged)" : "whsec_…"}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={!!error}
          aria-describedby="secret-hint secret-error"
        />
        <Button variant="outline" onClick={() => onChange(generateWebhookSecret())}>
          Generate
        </Button>
      </div>
      <div className="flex items-start justify-between gap-3">
        <p id="secret-hint" className="text-xs text-neutral-500">
          {hint}
        </p>
        {value || isStoredHidden ? (
          <div className="flex shrink-0 gap-1">
            <Button variant="ghost" size="sm" onClick={reveal} disabled={isLoading}>
              {isVisible ? "Hide" : "Reveal"}
            </Button>
            <Button variant="ghost" size="sm" onClick={copy} disabled={isLoading}>
              Copy
            </Button>
          </div>
        ) : null}
      </div>
      <FieldError id="secret-error" message={error} />
    </div>
  );
}
