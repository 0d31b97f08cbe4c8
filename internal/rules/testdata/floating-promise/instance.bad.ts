import { api } from "./lib/http";

// A request through the project's axios instance, dropped: a failure is an
// unhandled rejection.
export function refresh(id: string) {
  api.post(`/jobs/${id}/refresh`); // expect: floating-promise
}

export function refreshQuietly(id: string) {
  api.post(`/jobs/${id}/refresh`).catch(() => {});
}
