import { describe, expect, it } from "vitest";
import { MODELS, NONLINEARITIES, parseArgs, UsageError } from "../src/args";
import { main } from "../src/main";

const sink = () => {
  const chunks: string[] = [];
  return { text: () => chunks.join(""), stream: { write: (s: string) => chunks.push(s), isTTY: false } };
};

describe("parseArgs: networks (--model)", () => {
  it("takes the contract's form and fills the model's default non-linearity", () => {
    const o = parseArgs([
      "--",
      "--dataset",
      "fashion-mnist",
      "--data-dir",
      "/f",
      "--model",
      "phase-collapse",
      "--epochs",
      "3",
      "--json",
      "r.json",
    ]);
    expect(o).toMatchObject({
      dataset: "fashion-mnist",
      dataDir: "/f",
      model: "phase-collapse",
      nonlinearity: "modulus",
      epochs: 3,
      json: "r.json",
    });
    expect(parseArgs(["--dataset=mnist", "--data-dir=/m", "--model=tight-frame"]).nonlinearity).toBe("relu");
    expect(parseArgs(["--model", "sparse-scattering"])).toMatchObject({
      dataset: "sample",
      nonlinearity: "istc",
    });
    expect(parseArgs(["--model", "sparse-scattering"]).epochs).toBeUndefined();
    expect(
      parseArgs(["--model", "sparse-scattering", "--checkpoint", "/tmp/c.ckpt", "--seed", "5"]),
    ).toMatchObject({ checkpoint: "/tmp/c.ckpt", seed: 5 });
  });

  it("accepts every non-linearity a model takes", () => {
    for (const m of MODELS) {
      for (const nl of NONLINEARITIES[m]) {
        expect(parseArgs(["--model", m, "--nonlinearity", nl]).nonlinearity).toBe(nl);
      }
    }
    expect(NONLINEARITIES["phase-collapse"]).toEqual(["modulus", "threshold", "relu"]);
    expect(NONLINEARITIES["tight-frame"]).toEqual(["relu", "soft-threshold"]);
  });

  it("refuses a non-linearity the model does not take, naming the option, the value and the allowed ones", () => {
    const bad: [string, string][] = [
      ["phase-collapse", "soft-threshold"],
      ["phase-collapse", "istc"],
      ["tight-frame", "modulus"],
      ["tight-frame", "threshold"],
      ["sparse-scattering", "relu"],
      ["sparse-scattering", "modulus"],
    ];
    for (const [m, nl] of bad) {
      let err: unknown;
      try {
        parseArgs(["--model", m, "--nonlinearity", nl]);
      } catch (e) {
        err = e;
      }
      expect(err, `${m} ${nl}`).toBeInstanceOf(UsageError);
      const msg = (err as Error).message;
      expect(msg).toContain("--nonlinearity");
      expect(msg).toContain(nl);
      for (const ok of NONLINEARITIES[m as keyof typeof NONLINEARITIES]) expect(msg).toContain(ok);
    }
  });

  it("refuses other invalid combinations", () => {
    const cases: [string[], string][] = [
      [["--model", "resnet"], "--model"],
      [["--model"], "--model"],
      [["--nonlinearity", "relu"], "--nonlinearity"],
      [["--epochs", "3"], "--epochs"],
      [["--checkpoint", "c.bin"], "--checkpoint"],
      [["--save", "m.json"], "--save"],
      [["--model", "tight-frame", "--epochs", "0"], "--epochs"],
      [["--model", "tight-frame", "--epochs", "2.5"], "--epochs"],
      [["--model", "tight-frame", "--epochs", "x"], "--epochs"],
      [["--model", "tight-frame", "--nonlinearity"], "--nonlinearity"],
      [["--dataset", "fsdd", "--data-dir", "/d", "--model", "phase-collapse"], "--dataset"],
      [["--model", "phase-collapse", "--classifier", "svm"], "--classifier"],
      [["--dataset", "mnist", "--model", "phase-collapse"], "--data-dir"],
    ];
    for (const [argv, flag] of cases) {
      expect(() => parseArgs(argv), argv.join(" ")).toThrow(UsageError);
      expect(() => parseArgs(argv), argv.join(" ")).toThrow(flag);
    }
  });

  it("main exits with code 2 and a message on a bad combination, before loading anything", async () => {
    const out = sink();
    const err = sink();
    const code = await main(
      [
        "--dataset",
        "fashion-mnist",
        "--data-dir",
        "/nonexistent",
        "--model",
        "tight-frame",
        "--nonlinearity",
        "modulus",
      ],
      {},
      { out: out.stream, err: err.stream },
    );
    expect(code).toBe(2);
    expect(err.text()).toContain("--nonlinearity");
    expect(err.text()).toContain("relu, soft-threshold");
    expect(out.text()).toBe("");
  });
});
