export * from "./types";
export * from "./criteria";
export * from "./evaluate";
export * from "./text";
export * from "./context";
export * from "./results-import";
export * from "./snapshot";
