export * from "./route";
export * from "./quota";
export * from "./ballot";
export * from "./ties";
export * from "./numbering";
export * from "./uploads";
export * from "./admin-text";
export * from "./issuer";
