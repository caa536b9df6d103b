import { describeError } from "@/lib/delivery-log/describe-error";

/** A stored error in words, its technical code beside it and the text as stored on hover. */
export function AttemptError({ error, className }: { error: string; className?: string }) {
  const described = describeError(error);
  return (
    <span className={className} title={described.raw}>
      {described.summary}
      {described.code ? (
        <code className="ml-2 rounded bg-red-100 px-1.5 py-0.5 font-mono text-[11px] text-red-900">{described.code}</code>
      ) : null}
    </span>
  );
}
