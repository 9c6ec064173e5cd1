/**
 * @scatterkit/classifiers: linear models on typed arrays (StandardScaler, multinomial
 * logistic regression, linear SVM, PCA, the affine-space classifier, Fisher ratio,
 * metrics, seeded splits). Errors, option checks and the seeded generator are
 * @scatterkit/core's (its only dependency).
 * @packageDocumentation
 */
export {
  NotFittedError,
  ParameterError,
  ScatterkitError,
  ShapeError,
  Random,
  type FloatArray,
  type Tensor,
} from "@scatterkit/core";
/**
 * Former base class of this package's errors, now @scatterkit/core's `ScatterkitError`
 * (kept as an alias: `instanceof ClassifierError` still holds for every error thrown here).
 * @deprecated Use `ScatterkitError` from `@scatterkit/core`.
 */
export { ScatterkitError as ClassifierError } from "@scatterkit/core";
export { StandardScaler, type StandardScalerOptions } from "./scaler.js";
export { LogisticRegression, type LogisticRegressionOptions } from "./logistic.js";
export { PCA, type PCAOptions, type PCASolver } from "./pca.js";
export { trainValidationSplit, takeRows, takeLabels, type SplitOptions } from "./split.js";
export { accuracy, confusionMatrix } from "./metrics.js";
export { LinearSVC, type LinearSVCOptions } from "./svm.js";
export { AffineSpaceClassifier, type AffineSpaceOptions } from "./affine.js";
export { fisherRatio, type FisherRatio } from "./fisher.js";
