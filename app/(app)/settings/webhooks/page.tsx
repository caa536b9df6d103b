// Placeholder while the Webhooks tab is being built.
export default function WebhooksPage() {
  return <p className="text-sm text-neutral-500">Webhooks</p>;
}
