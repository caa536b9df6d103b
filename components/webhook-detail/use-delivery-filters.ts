"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { deliveryFiltersToParams, parseDeliveryFilters, type TDeliveryFilters } from "@/lib/validation/delivery-filters";

/** The log's filters, kept in the page's URL (shareable, kept on reload and back/forward). */
export function useDeliveryFilters(): [TDeliveryFilters, (change: Partial<TDeliveryFilters>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // What the URL holds that is not a filter is dropped, as the server does for its first render.
  const filters = useMemo(() => parseDeliveryFilters(new URLSearchParams(params.toString())).filters, [params]);
  const setFilters = useCallback(
    (change: Partial<TDeliveryFilters>) => {
      const query = deliveryFiltersToParams({ ...filters, ...change }).toString();
      // replace, not push: typing a search should not fill the back button's history.
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );
  return [filters, setFilters];
}
