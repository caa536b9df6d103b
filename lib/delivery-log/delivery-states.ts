import type { DeliveryStatus } from "@/db/types";

// The one vocabulary of a delivery's state, shown the same by the log's tabs and badges, its
// filters, Recover, the test dialog, the health strip and the JSON the routes answer. The
// database keeps its own status names (status-groups.ts holds their SQL); everything a person
// or an API client reads goes through this table. No Node imports: the browser uses it too.

export type DeliveryStateName = "delivered" | "failing" | "failed" | "pending" | "cancelled";

/** How a badge looks; never the only signal, the label always shows. */
export type DeliveryStateTone = "success" | "warning" | "destructive" | "secondary" | "outline";

export type DeliveryState = {
  name: DeliveryStateName;
  /** One or two words, for tabs and badges. */
  label: string;
  /** What it means for the receiver, for tooltips, help text and the API docs. */
  description: string;
  tone: DeliveryStateTone;
  /** The database statuses it covers. */
  statuses: readonly DeliveryStatus[];
  /** Whether Recover resends deliveries in this state. */
  isRecoverable: boolean;
};

/** In the order tabs and filters list them. */
export const DELIVERY_STATES: readonly DeliveryState[] = [
  {
    name: "delivered",
    label: "Delivered",
    description: "The endpoint answered with a 2xx status.",
    tone: "success",
    statuses: ["delivered"],
    isRecoverable: false,
  },
  {
    name: "failing",
    label: "Failing",
    description: "An attempt failed; another is scheduled (will retry).",
    tone: "warning",
    statuses: ["retrying"],
    isRecoverable: true,
  },
  {
    name: "failed",
    label: "Failed",
    description:
      "Every scheduled attempt failed, the endpoint answered 410 Gone, or the webhook was disabled automatically: nothing more will be tried (gave up).",
    tone: "destructive",
    statuses: ["failed"],
    isRecoverable: true,
  },
  {
    name: "pending",
    label: "Pending",
    description: "Queued: not attempted yet.",
    tone: "secondary",
    statuses: ["pending"],
    isRecoverable: false,
  },
  {
    name: "cancelled",
    label: "Cancelled",
    description: "Not sent: the webhook was disabled before the delivery went out.",
    tone: "outline",
    statuses: ["cancelled"],
    isRecoverable: false,
  },
];

export const DELIVERY_STATE_NAMES = DELIVERY_STATES.map((state) => state.name) as [DeliveryStateName, ...DeliveryStateName[]];

const BY_NAME = new Map(DELIVERY_STATES.map((state) => [state.name, state]));
const BY_STATUS = new Map(DELIVERY_STATES.flatMap((state) => state.statuses.map((status) => [status, state] as const)));

export function deliveryState(name: DeliveryStateName): DeliveryState {
  return BY_NAME.get(name)!;
}

/** The state a stored status shows as. */
export function deliveryStateOf(status: DeliveryStatus): DeliveryState {
  return BY_STATUS.get(status)!;
}

/** The states Recover resends: Failing and Failed. */
export const RECOVERABLE_STATES = DELIVERY_STATES.filter((state) => state.isRecoverable);
