/**
 * The layers of the three networks, each with its reverse-mode gradient, one concept per file:
 * 1x1 convolution / linear layer (conv1x1.ts), standardisation (standardize.ts), ReLU and
 * soft-threshold (activations.ts), flatten and average pooling (pooling.ts), and the softmax
 * cross-entropy loss (loss.ts). Wavelet filtering, the complex non-linearities, ISTC and tight
 * frames are in wavelet.ts, istc.ts and frame.ts.
 * @internal
 */
export { Conv1x1 } from "./conv1x1.js";
export { Standardize } from "./standardize.js";
export { ReLU, SoftThreshold } from "./activations.js";
export { AvgPool, Flatten } from "./pooling.js";
export { softmaxCrossEntropy } from "./loss.js";
export { zerosLike } from "./layer.js";
