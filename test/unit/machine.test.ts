import { describe, expect, it } from "vitest";
import { installCommand, isLocalRedis, planMachine } from "../../app/core/machine";

const redis = (present: boolean) => ({ program: "redis-server", debianPackage: "redis-server", present });
const chromium = (present: boolean) => ({ program: "chromium", debianPackage: "chromium", present });

describe("what a README command does about a missing program", () => {
  it("does nothing when everything is there, whoever runs it", () => {
    for (const isRoot of [true, false]) {
      expect(planMachine({ requirements: [redis(true), chromium(true)], isRoot, hasAptGet: true })).toEqual({ kind: "ready" });
    }
  });

  it("installs only what is missing, without prompts, when root on a Debian machine", () => {
    expect(planMachine({ requirements: [redis(false), chromium(true)], isRoot: true, hasAptGet: true })).toEqual({
      kind: "install",
      packages: ["redis-server"],
      commands: [["update", "-qq"], ["install", "-y", "-qq", "redis-server"]],
    });
    const both = planMachine({ requirements: [redis(false), chromium(false)], isRoot: true, hasAptGet: true });
    expect(both.kind === "install" && both.commands[1]).toEqual(["install", "-y", "-qq", "redis-server", "chromium"]);
  });

  it("stops a non-root user with one line in Vietnamese and English giving the sudo command", () => {
    const plan = planMachine({ requirements: [redis(false), chromium(false)], isRoot: false, hasAptGet: true });
    expect(plan.kind).toBe("stop");
    const message = plan.kind === "stop" ? plan.message : "";
    expect(message).not.toContain("\n");
    expect(message).toContain("Thiếu redis-server, chromium");
    expect(message).toContain("missing redis-server, chromium");
    expect(message).toContain("sudo apt-get update && sudo apt-get install -y redis-server chromium");
  });

  it("stops even a root user where there is no apt-get, naming the packages", () => {
    const plan = planMachine({ requirements: [chromium(false)], isRoot: true, hasAptGet: false });
    expect(plan.kind).toBe("stop");
    expect(plan.kind === "stop" && plan.message).toMatch(/không có apt-get.*no apt-get.*chromium/);
  });

  it("gives root the command without sudo", () => {
    expect(installCommand(["chromium"], true)).toBe("apt-get update && apt-get install -y chromium");
  });

  it("starts a Redis only for an address on this machine", () => {
    expect(isLocalRedis("redis://127.0.0.1:6379")).toBe(true);
    expect(isLocalRedis("redis://localhost:6380/2")).toBe(true);
    expect(isLocalRedis("redis://cache.internal:6379")).toBe(false);
    expect(isLocalRedis("not a url")).toBe(false);
  });
});
