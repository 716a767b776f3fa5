/**
 * What the two README commands do about a machine that lacks a program they need (redis-server for
 * `npm start`; redis-server and Chromium for `npm test`): nothing when it is there, install it from
 * Debian's packages when we may (root, apt-get present), otherwise stop at once with the one command
 * that fixes it. Pure: the caller looks at the machine and carries the plan out.
 */

/** A program one of the commands needs, and the Debian package that provides it. */
export type Requirement = { program: string; debianPackage: string; present: boolean };

export type MachinePlan =
  | { kind: "ready" }
  | { kind: "install"; packages: string[]; commands: string[][] }
  | { kind: "stop"; message: string };

export type MachineFacts = { requirements: Requirement[]; isRoot: boolean; hasAptGet: boolean };

/** The command a person runs to install `packages`, with sudo when they are not root. */
export function installCommand(packages: readonly string[], isRoot: boolean): string {
  const sudo = isRoot ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(" ")}`;
}

export function planMachine(facts: MachineFacts): MachinePlan {
  const missing = facts.requirements.filter((r) => !r.present);
  if (missing.length === 0) return { kind: "ready" };
  const packages = [...new Set(missing.map((r) => r.debianPackage))];
  const programs = missing.map((r) => r.program).join(", ");
  if (facts.isRoot && facts.hasAptGet) {
    return {
      kind: "install",
      packages,
      // -qq and noninteractive: no prompt, no wall of text, on a machine nobody watches.
      commands: [
        ["update", "-qq"],
        ["install", "-y", "-qq", ...packages],
      ],
    };
  }
  if (!facts.hasAptGet) {
    return {
      kind: "stop",
      message: `Thiếu ${programs} và máy không có apt-get: hãy cài gói ${packages.join(", ")} bằng trình quản lý gói của máy / Missing ${programs} and no apt-get here: install ${packages.join(", ")} with this machine's package manager.`,
    };
  }
  const command = installCommand(packages, facts.isRoot);
  return {
    kind: "stop",
    message: `Thiếu ${programs}; hãy chạy / missing ${programs}; run: ${command}`,
  };
}

/** Only a Redis on this machine can be started for the caller; a remote REDIS_URL must be fixed by its owner. */
export function isLocalRedis(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}
