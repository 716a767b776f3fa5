import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(__dirname, "..");

/** The long fault tests (`npm run test:faults`): real processes killed, Redis stopped, disk full. One file at a time. */
export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["test/faults/**/*.test.ts"],
    pool: "forks",
    poolOptions: { forks: { singleFork: false, maxForks: 1, minForks: 1 } },
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 60_000,
    reporters: ["verbose"],
  },
});
