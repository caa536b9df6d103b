// Unknown id, or a webhook of another user: the same answer, so ids reveal nothing.
import Link from "next/link";

export default function WebhookNotFound() {
  return (
    <div className="grid justify-items-start gap-3 rounded-lg border border-neutral-200 bg-white p-6">
      <h2 className="text-lg font-semibold">Webhook not found</h2>
      <p className="text-sm text-neutral-600">It may have been deleted, or the link is wrong.</p>
      <Link href="/settings/webhooks" className="text-sm font-medium text-neutral-900 underline-offset-4 hover:underline">
        Back to your webhooks
      </Link>
    </div>
  );
}
