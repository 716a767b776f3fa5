// The schema, one file per area; drizzle-kit and the connection read it all from here.
export * from "./quiz";
export * from "./admin";
export * from "./participation";
export * from "./initiatives";
export * from "./organizer";
export * from "./account";
export * from "./emulation";
export * from "./reform-index";
export * from "./initiative-register";
export * from "./awards";
