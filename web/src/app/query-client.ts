import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api.ts";
import { notifyError } from "./notify.ts";

declare module "@tanstack/react-query" {
  interface Register {
    /** `quiet`: the caller shows the error itself (e.g. an import's per-row report). */
    queryMeta: { quiet?: boolean };
    mutationMeta: { quiet?: boolean };
  }
}

function report(error: Error, quiet?: boolean) {
  if (quiet) return;
  // 401 sends the user to the login page; saying so as well would be noise.
  if (error instanceof ApiError && error.status === 401) return;
  notifyError(error.message);
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => report(error, query.meta?.quiet) }),
    mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => report(error, mutation.meta?.quiet) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}
