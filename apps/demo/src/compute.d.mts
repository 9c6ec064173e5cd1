export declare const LOG_EPS: number;
export interface FeatureResult {
  features: Float32Array;
  dim: number;
  shape: number[];
}
export interface Scatter2dJob {
  images: Uint8Array;
  count: number;
  rows: number;
  cols: number;
  J: number;
  L: number;
  features: "plain" | "log";
  batch?: number;
  /** Write the features here (length count * dim), e.g. a view on a SharedArrayBuffer. */
  out?: Float32Array;
  onProgress?: (done: number) => void;
}
export interface Scatter1dJob {
  signals: Float64Array;
  count: number;
  T: number;
  J: number;
  Q: number;
  features: "plain" | "log";
  /** "jtfs": TimeFrequencyScattering({ J, Jfr, Q, shape: T }) (format 'time') instead of Scattering1D. */
  transform?: "jtfs";
  Jfr?: number;
  /** With transform "jtfs": prepend the Scattering1D({J, Q, shape: T}) features of each item. */
  withScattering1D?: { J: number; Q: number };
  batch?: number;
  /** Write the features here (length count * dim), e.g. a view on a SharedArrayBuffer. */
  out?: Float32Array;
  onProgress?: (done: number) => void;
}
// biome-ignore lint/suspicious/noExplicitAny: the scattering classes are injected
export declare function scatter2d(lib: { Scattering2D: any }, job: Scatter2dJob): FeatureResult;
export declare function scatter1d(
  // biome-ignore lint/suspicious/noExplicitAny: the scattering classes are injected
  lib: { Scattering1D: any; TimeFrequencyScattering?: any },
  job: Scatter1dJob,
): FeatureResult;
/** scatter2d through Scattering2D.forwardAsync (the library's worker pool). */
// biome-ignore lint/suspicious/noExplicitAny: the scattering classes are injected
export declare function scatter2dAsync(lib: { Scattering2D: any }, job: Scatter2dJob): Promise<FeatureResult>;
/** scatter1d through forwardAsync (the library's worker pool). */
export declare function scatter1dAsync(
  // biome-ignore lint/suspicious/noExplicitAny: the scattering classes are injected
  lib: { Scattering1D: any; TimeFrequencyScattering?: any },
  job: Scatter1dJob,
): Promise<FeatureResult>;
