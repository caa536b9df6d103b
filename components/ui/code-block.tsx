import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";

/** Monospace text (pretty JSON, headers, a command) with a Copy button; scrolls instead of stretching the page. */
export function CodeBlock({
  title,
  text,
  copyLabel,
  className,
  isFullHeight = false,
  isWrapped = false,
}: {
  title: string;
  text: string;
  copyLabel?: string;
  className?: string;
  /** Code to read in full (the guide's examples) rather than a payload to scroll through. */
  isFullHeight?: boolean;
  /** Long lines wrap (bodies, headers) instead of scrolling sideways. */
  isWrapped?: boolean;
}) {
  return (
    <div className={cn("grid min-w-0 gap-1.5", className)}>
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-medium uppercase tracking-wide text-neutral-600">{title}</p>
        <CopyButton text={text} label={copyLabel ?? `Copy ${title.toLowerCase()}`} what={title} />
      </div>
      <pre
        tabIndex={0}
        className={cn(
          isFullHeight ? "" : "max-h-80",
          isWrapped && "whitespace-pre-wrap [overflow-wrap:anywhere]",
          "overflow-auto [contain:inline-size] rounded-md border border-neutral-200 bg-neutral-50 p-3 font-mono text-xs leading-relaxed text-neutral-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950",
        )}
      >
        {text === "" ? <span className="text-neutral-500">(empty)</span> : text}
      </pre>
    </div>
  );
}
