import type { PlanName } from "../contracts.ts";

/** Restore rate (points/s) and bucket size per plan, as observed on real 2025–2026 stores. */
export const PLAN_LIMITS: Record<PlanName, { restoreRate: number; maximumAvailable: number }> = {
  standard: { restoreRate: 100, maximumAvailable: 2000 },
  advanced: { restoreRate: 200, maximumAvailable: 4000 },
  plus: { restoreRate: 1000, maximumAvailable: 20000 },
};

/** Shopify rejects a single query above this, whatever the bucket holds. */
export const SINGLE_QUERY_MAX_COST = 1000;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Bucket {
  available: number;
  at: number;
}

/** Leaky buckets per (app, shop), refilled continuously from the injected clock. */
export interface BucketStore {
  /** Takes `cost` points if the bucket holds them; false (and nothing taken) otherwise. */
  take(key: string, plan: PlanName, cost: number): boolean;
  /** Gives points back (requested minus actual), never above the bucket size. */
  refund(key: string, plan: PlanName, points: number): void;
  status(key: string, plan: PlanName): ThrottleStatus;
  clear(): void;
}

export function createBucketStore(now: () => number): BucketStore {
  const buckets = new Map<string, Bucket>();
  const current = (key: string, plan: PlanName): Bucket => {
    const { restoreRate, maximumAvailable } = PLAN_LIMITS[plan];
    const t = now();
    const b = buckets.get(key) ?? { available: maximumAvailable, at: t };
    const refilled = Math.min(maximumAvailable, b.available + (Math.max(0, t - b.at) / 1000) * restoreRate);
    const next = { available: refilled, at: Math.max(t, b.at) };
    buckets.set(key, next);
    return next;
  };
  return {
    take(key, plan, cost) {
      const b = current(key, plan);
      if (cost > b.available) return false;
      b.available -= cost;
      return true;
    },
    refund(key, plan, points) {
      const b = current(key, plan);
      b.available = Math.min(PLAN_LIMITS[plan].maximumAvailable, b.available + Math.max(0, points));
    },
    status(key, plan) {
      const b = current(key, plan);
      const { restoreRate, maximumAvailable } = PLAN_LIMITS[plan];
      return { maximumAvailable, currentlyAvailable: Math.floor(b.available), restoreRate };
    },
    clear() {
      buckets.clear();
    },
  };
}
