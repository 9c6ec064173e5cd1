/**
 * The entry that runtimes other than Node.js resolve (the `default` export condition):
 * @scatterkit/cli reads and writes files and starts worker threads, so it needs Node.js. Importing
 * it elsewhere (a browser bundle, a Web Worker) fails at once with this message instead of with
 * an unresolved Node built-in.
 */
throw new Error(
  "@scatterkit/cli needs Node.js (it reads and writes files); in a browser use @scatterkit/scattering and @scatterkit/datasets directly",
);
