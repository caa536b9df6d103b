import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** What failed to load and why, with a retry: the error state of every live view on the page. */
export function LoadError({
  what,
  message,
  onRetry,
  className,
}: {
  what: string;
  message: string;
  onRetry: () => void;
  className?: string;
}) {
  return (
    <div role="alert" className={cn("flex flex-wrap items-center gap-3 text-sm text-red-900", className)}>
      <p>
        {what} could not be loaded: {message}
      </p>
      <Button variant="outline" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
