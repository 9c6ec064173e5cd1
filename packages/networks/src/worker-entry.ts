/**
 * What a gradient-shard worker thread runs (see pool.ts).
 * @internal
 */
import type { NetworkModelName } from "./api.js";
import type { NetworkBase } from "./model.js";
import { createNetwork } from "./models/index.js";
import type { PoolSpec } from "./pool.js";
import { type ShardResult, type ShardTask, runShard, setParams } from "./shards.js";

/**
 * Builds the network of `spec` and returns the function that runs one shard task on it.
 * @internal
 */
export function __networkShardWorker(spec: PoolSpec): (task: ShardTask) => ShardResult {
  const { workers: _w, checkpoint: _c, onEpoch: _o, ...options } = spec.options as Record<string, unknown>;
  const net = createNetwork(spec.model as NetworkModelName, options) as unknown as NetworkBase;
  const layers = net.buildForShapes(spec.c, spec.h, spec.w, spec.classes);
  return (task) => {
    setParams(layers, task.params);
    return runShard(layers, task.x, task.y, spec, task.scale, task.smoothing);
  };
}
