import { creditCodeProblem, idNumberProblem, maskIdNumber } from "../../../src/shared/identifiers";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

describe("unified social credit code (GB 32100)", () => {
  it("accepts the standard's worked example", () => {
    expect(creditCodeProblem("91350100M000100Y43")).toBeNull();
  });

  it("explains a wrong check character, a wrong length and a foreign character", () => {
    expect(creditCodeProblem("91350100M000100Y44")).toMatch(/should be 3/);
    expect(creditCodeProblem("91350100M000100Y4")).toMatch(/18 characters/);
    expect(creditCodeProblem("91350100M000100I43")).toMatch(/alphabet/);
  });

  it("detects every single substitution and every adjacent transposition", () => {
    const valid = "91350100M000100Y43";
    for (let i = 0; i < 18; i++) {
      for (const c of ALPHABET) {
        if (c === valid[i]) continue;
        expect(creditCodeProblem(valid.slice(0, i) + c + valid.slice(i + 1))).not.toBeNull();
      }
      if (i < 17 && valid[i] !== valid[i + 1]) {
        const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
        expect(creditCodeProblem(swapped)).not.toBeNull();
      }
    }
  });
});

describe("resident ID number (GB 11643)", () => {
  it("accepts the standard's example, with X as check character", () => {
    expect(idNumberProblem("11010519491231002X")).toBeNull();
  });

  it("rejects a wrong check digit and an impossible birth date", () => {
    expect(idNumberProblem("110105194912310021")).toMatch(/should be X/);
    expect(idNumberProblem("110105194902300021")).toMatch(/birth date/);
    expect(idNumberProblem("11010519491231002")).toMatch(/17 digits/);
  });

  it("detects every single substitution and every adjacent transposition", () => {
    const valid = "11010519491231002X";
    for (let i = 0; i < 18; i++) {
      for (const c of i === 17 ? "0123456789X" : "0123456789") {
        if (c === valid[i]) continue;
        expect(idNumberProblem(valid.slice(0, i) + c + valid.slice(i + 1))).not.toBeNull();
      }
      if (i < 17 && valid[i] !== valid[i + 1]) {
        expect(idNumberProblem(valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2))).not.toBeNull();
      }
    }
  });

  it("masks the birth date and sequence", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
  });
});
