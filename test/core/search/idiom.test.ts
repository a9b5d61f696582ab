import { describe, expect, it } from "vitest";
import { plainIdioms } from "../../../src/core/search/idiom.ts";

describe("plainIdioms", () => {
  it("reads 'cost … their lives' as killed", () => {
    expect(plainIdioms("has the Mali mission cost a lot of UN soldiers their lives")).toBe(
      "has the Mali mission killed a lot of UN soldiers",
    );
  });

  it("reads 'claimed the lives of' as killed and 'lost their lives' as died", () => {
    expect(plainIdioms("which attack claimed the lives of 10 peacekeepers")).toBe(
      "which attack killed 10 peacekeepers",
    );
    expect(plainIdioms("how many peacekeepers lost their lives in 2019")).toBe(
      "how many peacekeepers died in 2019",
    );
  });

  it("leaves costs and lives in other senses alone", () => {
    expect(plainIdioms("how much did the mission cost")).toBe("how much did the mission cost");
    expect(plainIdioms("the lives of displaced people")).toBe("the lives of displaced people");
  });
});
