// Placeholder until the API tokens tab lands (it replaces this file).
export default function TokensPage() {
  return <p className="text-sm text-neutral-500">API tokens are coming soon.</p>;
}
