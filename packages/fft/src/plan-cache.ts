/**
 * The plan caches (one complex and one real plan per size, made on first use), in a module of
 * their own so that the engine choice (`engine-choice.ts`) can clear them when it changes.
 * @module
 */
import type { RealPlan } from "./plan-types";
import type { Plan } from "./plan";

/** Cached complex plans by size. */
export const planCache = new Map<number, Plan>();

/** Cached real plans by size. */
export const realPlanCache = new Map<number, RealPlan>();

/** Empties the plan caches (complex and real). */
export function clearPlanCache(): void {
  planCache.clear();
  realPlanCache.clear();
}
