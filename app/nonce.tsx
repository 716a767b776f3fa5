import { createContext, useContext } from "react";

/** The CSP nonce of this response, for the scripts Remix renders; empty in the browser. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
