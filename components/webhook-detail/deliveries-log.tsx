"use client";

import * as Tabs from "@radix-ui/react-tabs";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { DELIVERY_STATES } from "@/lib/delivery-log/delivery-states";
import type { DeliveryListRow } from "@/lib/delivery-log/list-deliveries";
import { useDeliveries } from "@/lib/queries/delivery-log";
import type { DeliveryStatusTab, TDeliveryFilters } from "@/lib/validation/delivery-filters";
import { attemptsText } from "./attempts-text";
import { DeliveryEventFilter } from "./delivery-event-filter";
import { DeliverySearch } from "./delivery-search";
import { DeliverySheet } from "./delivery-sheet";
import { DeliveryStateBadge } from "./delivery-state-badge";
import { LoadError } from "./load-error";
import { NextAttempt } from "./next-attempt";
import { useDeliveryFilters } from "./use-delivery-filters";

const COLUMNS = 5;

const STATUS_TABS: { value: DeliveryStatusTab; label: string; description?: string }[] = [
  { value: "all", label: "All" },
  ...DELIVERY_STATES.map(({ name, label, description }) => ({ value: name, label, description })),
];

function MessageRow({ children, tone }: { children: React.ReactNode; tone?: "error" }) {
  return (
    <TableRow className="hover:bg-transparent">
      <TableCell
        colSpan={COLUMNS}
        className={cn("py-12 text-center text-sm", tone === "error" ? "text-red-800" : "text-neutral-600")}
      >
        {children}
      </TableCell>
    </TableRow>
  );
}

function emptyText(filters: TDeliveryFilters, subscribed: string[]): string {
  if (filters.search) return `No delivery or event with the id ${filters.search}.`;
  if (filters.status !== "all" || filters.events.length > 0) return "No deliveries match these filters.";
  return subscribed.length > 0
    ? "No deliveries yet. Send a test event, or post one of your events to the API, and it shows up here within seconds."
    : "No deliveries yet.";
}

function DeliveryRow({ row, onOpen }: { row: DeliveryListRow; onOpen: () => void }) {
  return (
    <TableRow className="cursor-pointer" onClick={onOpen}>
      <TableCell>
        <DeliveryStateBadge state={row.state} statusCode={row.lastStatusCode} />
      </TableCell>
      <TableCell className="min-w-0">
        <button
          type="button"
          onClick={(event) => {
            event.stopPropagation();
            onOpen();
          }}
          className="grid cursor-pointer text-left focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950"
          aria-label={`Open delivery ${row.id} (${row.eventType})`}
        >
          <span className="font-mono text-[13px] font-medium text-neutral-900">{row.eventType}</span>
          <span className="font-mono text-xs text-neutral-600">{row.id}</span>
        </button>
      </TableCell>
      <TableCell className="whitespace-nowrap tabular-nums text-neutral-700">{attemptsText(row)}</TableCell>
      <TableCell className="whitespace-nowrap text-neutral-700">
        <NextAttempt delivery={row} />
      </TableCell>
      <TableCell className="whitespace-nowrap text-neutral-700">
        <TimeText ms={row.createdAt} />
      </TableCell>
    </TableRow>
  );
}

/** The delivery log: status tabs, event and id filters (all in the URL), live rows, "Load more". */
export function DeliveriesLog({ webhookId, subscribedEvents }: { webhookId: string; subscribedEvents: string[] }) {
  const [filters, setFilters] = useDeliveryFilters();
  const query = useDeliveries(webhookId, filters);
  const [openId, setOpenId] = useState<string | null>(null);
  // The sheet is opened by state, so focus goes back by hand to what opened it (a row's button).
  const openerRef = useRef<HTMLElement | null>(null);
  const openSheet = (id: string) => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpenId(id);
  };
  const closeSheet = () => {
    setOpenId(null);
    setTimeout(() => openerRef.current?.focus(), 0);
  };
  const rows = query.data?.pages.flatMap((page) => page.rows) ?? [];
  // Filter by any event this webhook listens to now, plus any already picked in the URL.
  const eventOptions = [...new Set([...subscribedEvents, ...filters.events])];

  let body: React.ReactNode;
  if (query.isError && !query.data) {
    body = (
      <MessageRow tone="error">
        <LoadError
          what="The deliveries"
          message={query.error.message}
          onRetry={() => void query.refetch()}
          className="justify-center"
        />
      </MessageRow>
    );
  } else if (!query.data) {
    // Placeholder rows have no identity but their position.
    body = Array.from({ length: 4 }, (_, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: placeholders never reorder
      <TableRow key={i} className="hover:bg-transparent">
        {Array.from({ length: COLUMNS }, (_, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders never reorder
          <TableCell key={j}>
            <div className="h-4 animate-pulse rounded bg-neutral-100" />
          </TableCell>
        ))}
      </TableRow>
    ));
  } else if (rows.length === 0) {
    body = <MessageRow>{emptyText(filters, subscribedEvents)}</MessageRow>;
  } else {
    body = rows.map((row) => <DeliveryRow key={row.id} row={row} onOpen={() => openSheet(row.id)} />);
  }

  return (
    <section aria-labelledby="deliveries-heading" className="grid min-w-0 grid-cols-1 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="deliveries-heading" className="text-sm font-semibold text-neutral-800">
          Deliveries
        </h2>
        {query.isError && query.data ? (
          <p role="status" className="text-xs text-red-800">
            Live updates paused: {query.error.message}
          </p>
        ) : null}
      </div>
      <Tabs.Root value={filters.status} onValueChange={(value) => setFilters({ status: value as DeliveryStatusTab })}>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Tabs.List
            aria-label="Delivery status"
            className="inline-flex max-w-full overflow-x-auto rounded-md bg-neutral-100 p-1"
          >
            {STATUS_TABS.map((tab) => (
              <Tabs.Trigger
                key={tab.value}
                value={tab.value}
                title={tab.description}
                className="cursor-pointer rounded px-3 py-1 text-sm font-medium text-neutral-600 transition-colors hover:text-neutral-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950 data-[state=active]:bg-white data-[state=active]:text-neutral-900 data-[state=active]:shadow-sm"
              >
                {tab.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <div className="flex flex-wrap items-center gap-2">
            <DeliveryEventFilter options={eventOptions} value={filters.events} onChange={(events) => setFilters({ events })} />
            <DeliverySearch value={filters.search} onChange={(search) => setFilters({ search })} />
          </div>
        </div>
        <Tabs.Content value={filters.status} className="mt-3 focus-visible:outline-none" tabIndex={-1}>
          <Card
            className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")}
            aria-busy={query.isFetching && !query.data}
          >
            <Table aria-label="Deliveries">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Status</TableHead>
                  <TableHead>Event</TableHead>
                  <TableHead>Attempts</TableHead>
                  <TableHead>Next attempt</TableHead>
                  <TableHead>Created</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>{body}</TableBody>
            </Table>
          </Card>
        </Tabs.Content>
      </Tabs.Root>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      <DeliverySheet webhookId={webhookId} deliveryId={openId} onClose={closeSheet} />
    </section>
  );
}
