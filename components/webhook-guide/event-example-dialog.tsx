"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/**
 * "View example" beside an event: the body a receiver gets for it. The samples load only when
 * a dialog opens, so forms that show the button don't carry every sample document.
 */
export function EventExampleDialog({ eventName }: { eventName: string }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState<string | null>(null);

  async function show() {
    setOpen(true);
    if (body === null) {
      const { exampleDeliveryBody } = await import("./example-delivery-body");
      setBody(exampleDeliveryBody(eventName));
    }
  }

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="h-6 px-1.5 text-xs text-neutral-600"
        onClick={show}
        aria-label={`View example of ${eventName}`}
      >
        Example
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle className="font-mono text-base">{eventName}</DialogTitle>
            <DialogDescription>An example of the JSON body we POST for this event, signed as usual.</DialogDescription>
          </DialogHeader>
          {body === null ? (
            <div
              role="status"
              aria-busy="true"
              aria-label="Loading example"
              className="h-64 animate-pulse rounded-md bg-neutral-100"
            />
          ) : (
            <CodeBlock title="Example body" text={body} copyLabel={`Copy example of ${eventName}`} />
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}
