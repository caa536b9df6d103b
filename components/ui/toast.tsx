"use client";

import * as React from "react";
import { cn } from "./cn";

// A small self-written toaster: a context with toast(), a polite live region, auto-dismiss.
// Toasts sit at the top, centred under the top bar, where pages put headings rather than row
// actions (the bottom rows' Edit and Delete sat under the old bottom-right corner), and only
// the dismiss button takes clicks: whatever a toast overlaps stays clickable through it.

type ToastVariant = "default" | "destructive";
type ToastItem = { id: number; title: string; description?: string; variant: ToastVariant };
type ToastInput = { title: string; description?: string; variant?: ToastVariant };

const ToastContext = React.createContext<((input: ToastInput) => void) | null>(null);

const DISMISS_AFTER_MS = 4000;

export function Toaster({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = React.useState<ToastItem[]>([]);
  const nextId = React.useRef(1);

  const dismiss = React.useCallback((id: number) => {
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const toast = React.useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-3), { id, variant: "default", ...input }]);
      setTimeout(() => dismiss(id), DISMISS_AFTER_MS);
    },
    [dismiss],
  );

  return (
    <ToastContext.Provider value={toast}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 top-16 z-[100] mx-auto flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            role="status"
            className={cn(
              "flex items-start justify-between gap-3 rounded-md border p-4 shadow-lg",
              t.variant === "destructive"
                ? "border-red-200 bg-red-50 text-red-900"
                : "border-neutral-200 bg-white text-neutral-900",
            )}
          >
            <div className="grid gap-1">
              <p className="text-sm font-semibold">{t.title}</p>
              {t.description ? <p className="text-sm opacity-80">{t.description}</p> : null}
            </div>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss notification"
              className="pointer-events-auto cursor-pointer rounded-sm p-0.5 opacity-60 hover:opacity-100"
            >
              <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
                <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
              </svg>
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (input: ToastInput) => void {
  const toast = React.useContext(ToastContext);
  if (!toast) throw new Error("useToast needs <Toaster> (components/providers.tsx) above it");
  return toast;
}
