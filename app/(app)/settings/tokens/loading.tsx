// Shown while the token list loads.
export default function TokensLoading() {
  return (
    <div className="grid gap-4" role="status" aria-busy="true" aria-label="Loading API tokens">
      <div className="h-6 w-32 animate-pulse rounded bg-neutral-200" />
      <div className="h-40 animate-pulse rounded-lg bg-neutral-100" />
    </div>
  );
}
