import { type RequestState, requestStateText } from "~/core/initiative-register/rules";

export function StateBadge({ state }: { state: RequestState }) {
  return <span className={`badge state-${state}`}>{requestStateText[state]}</span>;
}
