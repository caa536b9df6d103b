"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { type DeliveryFilters, filtersFromParams, filtersToParams } from "./delivery-filters";

export function useDeliveryFilters(): [DeliveryFilters, (change: Partial<DeliveryFilters>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(params.toString())), [params]);
  const setFilters = useCallback(
    (change: Partial<DeliveryFilters>) => {
      const query = filtersToParams({ ...filters, ...change }).toString();
      // replace, not push: typing a search should not fill the back button's history.
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );
  return [filters, setFilters];
}
